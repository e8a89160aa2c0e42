import { assertSameStructure, floatTreeLeaves, isFloatDType, mapTree, mul, scalar, sub } from '@gradstream/tensor'
import {
  checkBoolean,
  checkInRange,
  checkInteger,
  checkOptions,
  describe,
  DTypeError,
  rootedPath,
  StructureError,
} from '@gradstream/core'
import type { Params } from '@gradstream/tensor'

/** Options of {@link exponentialMovingAverage}. */
export interface EmaOptions {
  /** How much of the average each update keeps, in [0, 1] (TF's `decay`, e.g. 0.99). */
  readonly decay: number
  /**
   * Use the step `update` is given as TF's `num_updates` (default true):
   * `decay` becomes `min(decay, (1 + step) / (10 + step))`. With false the
   * decay is constant, as `ExponentialMovingAverage(decay)` without `num_updates`.
   */
  readonly numUpdates?: boolean
}

/** A moving average's state: a frozen record, so it can sit in a snapshot and be serialized. */
export interface EmaState<P extends Params = Params> {
  /** Number of updates applied. */
  readonly count: number
  /** The shadow values: a pytree of the params' structure. */
  readonly average: P
}

/**
 * A moving average as a pure pair: `init` starts it, `update` folds new params in.
 * @example
 * const ema: ExponentialMovingAverage = exponentialMovingAverage({ decay: 0.9 })
 * ema.update(ema.init({ w: tensor([0]) }), { w: tensor([1]) }, 0).count // 1
 */
export interface ExponentialMovingAverage {
  /** The shadow starts at the params themselves (TF's `ema.apply` initialises it to the variable's value). */
  init<P extends Params>(params: P): EmaState<P>
  /**
   * Folds `params` into the average. With `step` (TF's `num_updates`), the
   * decay is `min(decay, (1 + step) / (10 + step))`, so early averages follow
   * the params closely.
   */
  update<P extends Params>(state: EmaState<P>, params: P, step?: number): EmaState<P>
}

/**
 * TF1's `tf.train.ExponentialMovingAverage(decay, num_updates)` over a
 * pytree: `shadow -= (shadow − value)·(1 − decay)`, with
 * `decay = min(decay, (1 + n)/(10 + n))` when a step `n` is given, every
 * operation in the leaf's dtype (float32 as TF1 for float32 variables).
 *
 * @example
 * const ema = exponentialMovingAverage({ decay: 0.99 })
 * let state = ema.init({ v1: scalar(0) })
 * state = ema.update(state, { v1: scalar(5) }, 0)
 * average(state).v1.item() // 4.5
 */
export function exponentialMovingAverage(options: EmaOptions): ExponentialMovingAverage {
  checkOptions(FN, options, ['decay', 'numUpdates'])
  const { decay, numUpdates = true } = options
  checkInRange(FN, 'decay', decay, 0, 1)
  checkBoolean(FN, 'numUpdates', numUpdates)
  return {
    init: (params) => {
      floatTreeLeaves(params, { caller: `${FN}.init`, name: 'params' })
      return Object.freeze({ count: 0, average: mapTree((leaf) => leaf, params) })
    },
    update: (state, params, step) => {
      checkState(state, params, step)
      const rate = decayAt(decay, numUpdates ? step : undefined)
      const average = mapTree(
        (shadow, value, path) => {
          // The walk that averages checks the dtype too: checkState has matched the dtypes already.
          if (!isFloatDType(shadow.dtype)) {
            throw new DTypeError(UPDATE, `${rootedPath('params', path)} must be a float tensor, got ${shadow.dtype}`)
          }
          return sub(shadow, mul(sub(shadow, value), sub(1, scalar(rate, shadow.dtype))))
        },
        state.average,
        params,
      )
      return Object.freeze({ count: state.count + 1, average })
    },
  }
}

/**
 * The averaged params of an EMA state: a pytree of the params' structure, so
 * evaluating with averaged weights is calling the model with `average(state)`.
 *
 * @example
 * const ema = exponentialMovingAverage({ decay: 0.5 })
 * const state = ema.update(ema.init({ w: tensor([0]) }), { w: tensor([2]) })
 * average(state).w.toArray() // [1]: call the model with these to evaluate with averaged weights
 */
export function average<P extends Params>(state: EmaState<P>): P {
  if (typeof state !== 'object' || state === null || !('average' in state)) {
    throw new StructureError(
      'average',
      `state must be the { count, average } record an EMA made, got ${describe(state)}`,
    )
  }
  return state.average
}

/**
 * The decay TF1 uses at `step`: `min(decay, (1 + n) / (10 + n))` with
 * `n = float32(step)`, computed in float32 as TF1's graph does (then cast to
 * the variable's dtype, where `1 - decay` is taken).
 *
 * @example decayAt(0.99, 0) // 0.10000000149011612 (float32 0.1)
 */
export function decayAt(decay: number, step?: number): number {
  checkInRange('decayAt', 'decay', decay, 0, 1)
  if (step !== undefined) checkInteger('decayAt', 'step', step, 0)
  const f = Math.fround
  if (step === undefined) return f(decay)
  const n = f(step)
  return Math.min(f(decay), f(f(1 + n) / f(10 + n)))
}

const FN = 'exponentialMovingAverage'
const UPDATE = `${FN}.update`

// Checks structure, shapes and dtypes before the first leaf is averaged; that the dtypes are float is checked
// by the averaging walk itself, which throws before any state is returned.
function checkState(state: EmaState, params: Params, step: number | undefined): void {
  const fn = UPDATE
  if (step !== undefined) checkInteger(fn, 'step', step, 0)
  if (typeof state !== 'object' || state === null || !Number.isSafeInteger(state.count) || state.count < 0) {
    throw new StructureError(fn, 'state must be the { count, average } record init returned')
  }
  assertSameStructure(state.average, params, {
    names: ['state.average', 'params'],
    shapes: true,
    dtypes: true,
    caller: fn,
  })
}
