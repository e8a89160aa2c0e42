import { ConfigError, DTypeError, GradstreamError, StructureError } from '@gradstream/core'
import { tensor, treeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { average, decayAt, exponentialMovingAverage } from './exponentialMovingAverage'

// Arguments are passed through Reflect.apply, with values the types would reject, as plain JavaScript callers can.
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)

const notANumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, null, true, [], {}, 'x'),
  fc.string({ maxLength: 5 }),
)
const outsideUnit = fc.oneof(
  notANumber,
  fc.double({ max: -1e-9, noNaN: true }),
  fc.double({ min: 1.000001, noNaN: true }),
)
const badStep = fc.oneof(notANumber, fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 1e6, noInteger: true }))

const params = () => ({ w: tensor([1, 2]), layers: [{ b: tensor([3]) }] })
const values = (tree: Params) => treeLeaves(tree).map((leaf) => leaf.toArray())

describe('exponentialMovingAverage with bad input', () => {
  it('refuses a decay outside [0, 1], unknown keys and a non-boolean numUpdates with a ConfigError', () => {
    fc.assert(
      fc.property(outsideUnit, fc.string({ minLength: 1, maxLength: 8 }), (decay, key) => {
        expect(() => call(exponentialMovingAverage, { decay })).toThrow(
          /^exponentialMovingAverage: decay must be in \[0, 1\], got /,
        )
        expect(() => call(decayAt, decay)).toThrow(ConfigError)
        if (key !== 'decay' && key !== 'numUpdates' && key !== '__proto__') {
          expect(() => call(exponentialMovingAverage, { decay: 0.9, [key]: 1 })).toThrow(
            `exponentialMovingAverage: unknown option '${key}'; expected one of decay, numUpdates`,
          )
        }
        expect(() => call(exponentialMovingAverage, { decay: 0.9, numUpdates: key })).toThrow(ConfigError)
      }),
      { numRuns: 150 },
    )
  })

  it('refuses a bad step, a bad state and non-float params, leaving everything untouched', () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const state = ema.init(params())
    fc.assert(
      fc.property(
        badStep,
        fc.constantFrom<unknown>(null, 5, { count: -1, average: params() }, { count: 1.5, average: params() }),
        fc.constantFrom('int32', 'bool'),
        (step, badState, dtype) => {
          const current = params()
          expect(() => call(ema.update, state, current, step)).toThrow(ConfigError)
          expect(() => call(ema.update, badState, current, 1)).toThrow(StructureError)
          const ints = { w: tensor([1, 2], undefined, dtype) }
          expect(() => ema.init(ints)).toThrow(DTypeError)
          expect(() =>
            ema.update(state, { w: tensor([1, 2], undefined, dtype), layers: [{ b: tensor([3]) }] }),
          ).toThrow(GradstreamError)
          expect(values(current)).toEqual(values(params()))
          expect(values(state.average)).toEqual(values(params()))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('refuses params whose structure or shapes differ from the average, naming the path', () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const state = ema.init(params())
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), (n) => {
        expect(() =>
          ema.update(state, { w: tensor(Array<number>(n + 1).fill(0)), layers: [{ b: tensor([3]) }] }),
        ).toThrow(`exponentialMovingAverage.update: state.average.w has shape [2] but params.w has shape [${n + 1}]`)
        expect(() => call(average, n)).toThrow(StructureError)
      }),
      { numRuns: 20 },
    )
  })
})
