import type { Tensor } from '@gradstream/tensor'
import { checkCountState, checkSameFloat, noSamplesError } from './checks'

/**
 * The state of {@link meanAbsoluteErrorMetric} and {@link rootMeanSquaredErrorMetric}: a float64 sum of per-element errors, and their count.
 * @example meanAbsoluteErrorMetric().update(meanAbsoluteErrorMetric().init(), tensor([1, 2]), tensor([2, 4])) // { sum: 3, count: 2 }
 */
export interface ErrorSumState {
  readonly sum: number
  readonly count: number
}

/** Which per-element error: |d| or d², with d = labels − predictions. */
export type ErrorKind = 'absolute' | 'squared'

const COUNTS = ['count']
const SUMS = ['sum']

/** No samples yet. */
export const NO_ERRORS: ErrorSumState = Object.freeze({ sum: 0, count: 0 })

/**
 * `state` with the errors of one batch added. Each error is computed in the
 * inputs' dtype as TF1 computes it (float32: the difference and the square
 * each rounded to float32), then summed in float64, element by element in
 * row-major order.
 */
export function addErrors(
  fn: string,
  kind: ErrorKind,
  state: ErrorSumState,
  labels: Tensor,
  predictions: Tensor,
): ErrorSumState {
  checkCountState(fn, state, COUNTS, SUMS)
  checkSameFloat(fn, labels, predictions)
  const round = labels.dtype === 'float32' ? Math.fround : (x: number) => x
  const truth = labels.dataSync()
  const guess = predictions.dataSync()
  let sum = state.sum
  for (let i = 0; i < truth.length; i++) {
    const difference = round(truth[i]! - guess[i]!)
    sum += kind === 'absolute' ? Math.abs(difference) : round(difference * difference)
  }
  return Object.freeze({ sum, count: state.count + truth.length })
}

/** The sums of two disjoint parts of the data, added. */
export function mergeErrors(fn: string, a: ErrorSumState, b: ErrorSumState): ErrorSumState {
  checkCountState(fn, a, COUNTS, SUMS)
  checkCountState(fn, b, COUNTS, SUMS)
  return Object.freeze({ sum: a.sum + b.sum, count: a.count + b.count })
}

/** The mean error; a ShapeError without samples. */
export function meanError(fn: string, state: ErrorSumState): number {
  checkCountState(fn, state, COUNTS, SUMS)
  if (state.count === 0) throw noSamplesError(fn)
  return state.sum / state.count
}
