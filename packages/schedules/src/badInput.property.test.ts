import { ConfigError, describe as describeValue } from '@gradstream/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cosineDecay } from './cosineDecay'
import { cosineDecayRestarts } from './cosineDecayRestarts'
import { exponentialDecay } from './exponentialDecay'
import { inverseTimeDecay } from './inverseTimeDecay'
import { joinSchedules } from './joinSchedules'
import { linearWarmup } from './linearWarmup'
import { naturalExpDecay } from './naturalExpDecay'
import { piecewiseConstant } from './piecewiseConstant'
import { polynomialDecay } from './polynomialDecay'
import type { Schedule } from './schedule'

// Values no rate, step count or flag accepts.
const notANumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, null, undefined, true, [], {}, () => 1),
  fc.string(),
)
const negative = fc.double({ max: -1e-9, noNaN: true })
const badNumber = fc.oneof(notANumber, negative)

// Called through Reflect.apply, with options the types would reject, as plain JavaScript callers can.
type Constructor = (options: never) => Schedule

// Each constructor with valid options and the options that must be numbers.
const constructors: readonly (readonly [string, Constructor, Record<string, unknown>, readonly string[]])[] = [
  [
    'exponentialDecay',
    exponentialDecay,
    { learningRate: 0.1, decaySteps: 10, decayRate: 0.5 },
    ['learningRate', 'decaySteps', 'decayRate'],
  ],
  [
    'naturalExpDecay',
    naturalExpDecay,
    { learningRate: 0.1, decaySteps: 10, decayRate: 0.5 },
    ['learningRate', 'decaySteps', 'decayRate'],
  ],
  [
    'inverseTimeDecay',
    inverseTimeDecay,
    { learningRate: 0.1, decaySteps: 10, decayRate: 0.5 },
    ['learningRate', 'decaySteps', 'decayRate'],
  ],
  [
    'polynomialDecay',
    polynomialDecay,
    { learningRate: 0.1, decaySteps: 10 },
    ['learningRate', 'decaySteps', 'endLearningRate', 'power'],
  ],
  ['cosineDecay', cosineDecay, { learningRate: 0.1, decaySteps: 10 }, ['learningRate', 'decaySteps', 'alpha']],
  [
    'cosineDecayRestarts',
    cosineDecayRestarts,
    { learningRate: 0.1, firstDecaySteps: 10 },
    ['learningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha'],
  ],
  [
    'linearWarmup',
    linearWarmup,
    { peakLearningRate: 0.1, warmupSteps: 10 },
    ['initialLearningRate', 'peakLearningRate', 'warmupSteps'],
  ],
]

function frozenCopy<T>(value: T): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? 'function' : v))
}

describe.each(constructors)('%s with bad input', (name, make, valid, numeric) => {
  it('refuses a bad number in any numeric option with a ConfigError naming it, leaving the options untouched', () => {
    fc.assert(
      // undefined is left out: an optional option set to undefined is an omitted one.
      fc.property(
        fc.constantFrom(...numeric),
        badNumber.filter((v) => v !== undefined),
        (key, value) => {
          const options = { ...valid, [key]: value }
          const before = frozenCopy(options)
          expect(() => Reflect.apply(make, undefined, [options])).toThrow(ConfigError)
          expect(() => Reflect.apply(make, undefined, [options])).toThrow(new RegExp(`^${name}: ${key} must be`))
          expect(frozenCopy(options)).toBe(before)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('refuses an unknown option key and options that are not an object', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((key) => !(key in valid) && !numeric.includes(key) && key !== '__proto__'),
        (key) => {
          expect(() => Reflect.apply(make, undefined, [{ ...valid, [key]: 1 }])).toThrow(
            `${name}: unknown option '${key}'`,
          )
        },
      ),
      { numRuns: 50 },
    )
    for (const options of [undefined, null, 5, 'x', [1]]) {
      expect(() => Reflect.apply(make, undefined, [options])).toThrow(`${name}: options must be an object`)
    }
  })

  it('refuses a step that is not a finite number >= 0', () => {
    const schedule: Schedule = Reflect.apply(make, undefined, [valid])
    fc.assert(
      fc.property(badNumber, (step) => {
        expect(() => Reflect.apply(schedule, undefined, [step])).toThrow(
          new ConfigError(name, `step must be a finite number >= 0, got ${describeValue(step)}`),
        )
      }),
      { numRuns: 100 },
    )
  })
})

describe('piecewiseConstant and joinSchedules with bad input', () => {
  it('refuse bad boundaries and values with a ConfigError, leaving the arrays untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(badNumber, fc.double()), { minLength: 1, maxLength: 4 }), (list) => {
        const copy = list.slice()
        const finite = list.every((v) => typeof v === 'number' && Number.isFinite(v))
        const increasing = finite && list.every((v, i) => i === 0 || (v as number) > (list[i - 1] as number))
        const ones = [...list, 1].map(() => 1)
        if (!(finite && list.every((v) => (v as number) >= 0))) {
          expect(() =>
            piecewiseConstant(
              list.map((_, i) => i),
              [...list, 1] as number[],
            ),
          ).toThrow(ConfigError)
        }
        if (!increasing) {
          expect(() => piecewiseConstant(list as number[], ones)).toThrow(ConfigError)
        }
        if (!(increasing && (list[0] as number) >= 0)) {
          expect(() =>
            joinSchedules(
              ones.map(() => () => 1),
              list as number[],
            ),
          ).toThrow(ConfigError)
        }
        expect(list).toEqual(copy)
      }),
      { numRuns: 150 },
    )
  })

  it('refuse schedules that are not functions', () => {
    fc.assert(
      fc.property(
        notANumber.filter((v) => typeof v !== 'function'),
        (bad) => {
          expect(() => joinSchedules([() => 1, bad as Schedule], [5])).toThrow(
            /^joinSchedules: schedules\[1\] must be a function, got /,
          )
        },
      ),
      { numRuns: 50 },
    )
  })
})
