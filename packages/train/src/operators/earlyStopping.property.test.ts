import { GradstreamError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { from, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../snapshot'
import { earlyStopping } from './earlyStopping'
import type { EarlyStoppingOptions } from './earlyStopping'

type Fake = Snapshot<{ readonly w: Tensor }>

/** Snapshots at steps 1, 2, ..., evaluated where the value is a number. */
const snapshotsOf = (values: readonly (number | undefined)[]): Fake[] =>
  values.map((value, i) =>
    Object.freeze({
      step: i + 1,
      params: Object.freeze({ w: tensor([i]) }),
      optimizer: Object.freeze({}),
      loss: 1,
      losses: Object.freeze({ loss: 1 }),
      learningRate: 0.1,
      ...(value === undefined ? {} : { eval: Object.freeze({ loss: value }) }),
    }),
  )

/**
 * Keras's `EarlyStopping.on_epoch_end`, transcribed: the wait grows first, an
 * improvement (`monitor_op(current - min_delta, best)`, min_delta negated in
 * 'min' mode) resets it, and the run stops once it reaches patience. Returns
 * the index of the stopping value (or of the last) and of the best.
 */
function kerasReference(values: readonly (number | undefined)[], options: Required<EarlyStoppingOptions>) {
  const delta = options.mode === 'min' ? -options.minDelta : options.minDelta
  const better = (a: number, b: number) => (options.mode === 'min' ? a < b : a > b)
  let best = options.mode === 'min' ? Infinity : -Infinity
  let bestIndex: number | undefined
  let wait = 0
  for (const [i, current] of values.entries()) {
    if (current === undefined) continue
    wait += 1
    if (better(current - delta, best)) {
      best = current
      bestIndex = i
      wait = 0
      continue
    }
    if (wait >= options.patience) return { last: i, bestIndex }
  }
  return { last: values.length - 1, bestIndex }
}

// Few distinct values, so ties and differences near minDelta are common.
const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5, 1) },
  { weight: 1, arbitrary: fc.constant(NaN) },
  { weight: 3, arbitrary: fc.constant(undefined) },
)
const options = fc.record({
  monitor: fc.constant('eval.loss'),
  patience: fc.integer({ min: 1, max: 4 }),
  minDelta: fc.constantFrom(0, 0.05, 0.1),
  mode: fc.constantFrom('min' as const, 'max' as const),
  restoreBest: fc.boolean(),
})

describe('earlyStopping against a transcription of Keras', () => {
  it('stops at the same evaluation and restores the same best snapshot', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 30 }), options, (values, chosen) => {
        const snapshots = snapshotsOf(values)
        const passed: Fake[] = []
        from(snapshots)
          .pipe(earlyStopping<Fake>(chosen), toArray())
          .subscribe((all) => passed.push(...all))
        const { last, bestIndex } = kerasReference(values, chosen)
        expect(passed.map((s) => s.step)).toEqual(snapshots.slice(0, last + 1).map((s) => s.step))
        passed.slice(0, -1).forEach((s, i) => expect(s).toBe(snapshots[i]))
        const expectedParams = chosen.restoreBest && bestIndex !== undefined ? snapshots[bestIndex]! : snapshots[last]!
        expect(passed.at(-1)!.params).toBe(expectedParams.params)
        expect(passed.at(-1)!.eval).toBe(snapshots[last]!.eval)
      }),
      { numRuns: 300 },
    )
  })
})

describe('earlyStopping with random bad options', () => {
  const junk = fc.oneof(fc.constantFrom(null, true, [], {}, NaN, -1, 0.5, Infinity, ''), fc.string(), fc.double())
  const keys = ['monitor', 'patience', 'minDelta', 'mode', 'restoreBest'] as const
  const valid = { monitor: 'eval.loss', patience: 2, minDelta: 0, mode: 'min', restoreBest: false }
  const isValid = (key: (typeof keys)[number], v: unknown) =>
    (key === 'monitor' && typeof v === 'string' && v.split('.').every((part) => part !== '')) ||
    (key === 'patience' && Number.isSafeInteger(v) && (v as number) >= 1) ||
    (key === 'minDelta' && typeof v === 'number' && Number.isFinite(v) && v >= 0) ||
    (key === 'mode' && (v === 'min' || v === 'max')) ||
    (key === 'restoreBest' && typeof v === 'boolean')

  it('throws a named error starting with earlyStopping: for every option of the wrong kind or range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), junk, (key, bad) => {
        fc.pre(!isValid(key, bad))
        let thrown: unknown
        try {
          earlyStopping({ ...valid, [key]: bad } as EarlyStoppingOptions)
        } catch (error) {
          thrown = error
        }
        expect(thrown).toBeInstanceOf(GradstreamError)
        expect((thrown as Error).message.startsWith(`earlyStopping: ${key} must be`)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
