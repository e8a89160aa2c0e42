import { ShapeError, StructureError, checkInteger, checkOptions, describe, isPlainObject } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { noSamplesError } from './checks'
import { classPairs } from './classes'
import type { ClassPairs } from './classes'

/**
 * The state of the confusion-matrix metrics: `counts[t * numClasses + p]`
 * samples of true class t were predicted as p (rows are true labels, as
 * `tf.math.confusion_matrix`).
 * @example confusionMatrixMetric({ numClasses: 2 }).init() // { numClasses: 2, counts: [0, 0, 0, 0] }
 */
export interface ConfusionMatrixState {
  readonly numClasses: number
  readonly counts: readonly number[]
}

/** Options of the confusion-matrix metrics' pure functions. @example confusionMatrix(labels, predicted, { numClasses: 3 }) */
export interface ConfusionMatrixOptions {
  /**
   * The number of classes, needed only when both inputs are int32 class
   * indices (else the last axis tells it); without it TF's rule holds: the
   * largest index in either input, plus one.
   */
  readonly numClasses?: number
}

/** Options of the confusion-matrix metrics' accumulators, whose state is sized once. @example confusionMatrixMetric({ numClasses: 10 }) */
export interface ConfusionMatrixMetricOptions {
  /** The number of classes: an integer >= 1. */
  readonly numClasses: number
}

const OPTION_KEYS = ['numClasses']

/** The `numClasses` option of a pure function, checked; undefined when omitted. */
export function numClassesOption(fn: string, options: ConfusionMatrixOptions): number | undefined {
  checkOptions(fn, options, OPTION_KEYS)
  if (options.numClasses !== undefined) checkInteger(fn, 'numClasses', options.numClasses, 1)
  return options.numClasses
}

/** The required `numClasses` option of an accumulator, checked. */
export function metricNumClasses(fn: string, options: ConfusionMatrixMetricOptions): number {
  checkOptions(fn, options, OPTION_KEYS)
  checkInteger(fn, 'numClasses', options.numClasses, 1)
  return options.numClasses
}

/** No samples yet, over `numClasses` classes. */
export function emptyConfusion(numClasses: number): ConfusionMatrixState {
  return Object.freeze({ numClasses, counts: Object.freeze(new Array<number>(numClasses * numClasses).fill(0)) })
}

/** Throws a StructureError unless `state` is a confusion state over `numClasses` classes, as `init()` makes. */
export function checkConfusionState(
  fn: string,
  state: unknown,
  numClasses: number,
): asserts state is ConfusionMatrixState {
  const counts = isPlainObject(state) ? state.counts : undefined
  const valid =
    isPlainObject(state) &&
    state.numClasses === numClasses &&
    Array.isArray(counts) &&
    counts.length === numClasses * numClasses &&
    counts.every((count: unknown) => typeof count === 'number' && Number.isFinite(count) && count >= 0)
  if (!valid) {
    throw new StructureError(
      fn,
      `state must be a { numClasses, counts } record over ${numClasses} classes made by init(), got ${describe(state)}`,
    )
  }
}

/** `state` with each (true, predicted) pair counted once more. */
function countPairs(state: ConfusionMatrixState, pairs: ClassPairs): ConfusionMatrixState {
  const { numClasses } = state
  const { trueClasses, predictedClasses } = pairs
  const counts = state.counts.slice()
  for (let i = 0; i < trueClasses.length; i++) counts[trueClasses[i]! * numClasses + predictedClasses[i]!]! += 1
  return Object.freeze({ numClasses, counts: Object.freeze(counts) })
}

/** `state` with one more batch counted; the inputs must have `state.numClasses` classes. */
export function addConfusion(
  fn: string,
  state: ConfusionMatrixState,
  labels: Tensor,
  predictions: Tensor,
): ConfusionMatrixState {
  return countPairs(state, classPairs(fn, labels, predictions, state.numClasses))
}

/** The counts of two disjoint parts of the data, added. */
export function mergeConfusion(fn: string, a: ConfusionMatrixState, b: ConfusionMatrixState): ConfusionMatrixState {
  checkConfusionState(fn, b, a.numClasses)
  return Object.freeze({
    numClasses: a.numClasses,
    counts: Object.freeze(a.counts.map((count, i) => count + b.counts[i]!)),
  })
}

/** The confusion state of one call of a pure function, with the number of classes found as its options say. */
export function confusionOf(
  fn: string,
  labels: Tensor,
  predictions: Tensor,
  numClasses: number | undefined,
): ConfusionMatrixState {
  const pairs = classPairs(fn, labels, predictions, numClasses)
  let classes = pairs.numClasses
  if (classes === undefined) {
    // TF's confusion_matrix without num_classes: the largest index, plus one.
    if (pairs.trueClasses.length === 0) throw noSamplesError(fn)
    classes = 1 + Math.max(largest(pairs.trueClasses), largest(pairs.predictedClasses))
  }
  return countPairs(emptyConfusion(classes), pairs)
}

/** The largest of `values`, or 0 for none (a loop: spreading a long array into Math.max overflows the stack). */
function largest(values: ArrayLike<number>): number {
  let found = 0
  for (let i = 0; i < values.length; i++) found = Math.max(found, values[i]!)
  return found
}

/** The total number of samples counted. */
export function sampleCount(state: ConfusionMatrixState): number {
  return state.counts.reduce((total, count) => total + count, 0)
}

/** A ShapeError when counts exceed what int32 holds, before they become a tensor. */
export function checkInt32Counts(fn: string, state: ConfusionMatrixState): void {
  const most = largest(state.counts)
  if (most > 2 ** 31 - 1) {
    throw new ShapeError(fn, `a count of ${most} does not fit int32; read state.counts instead`)
  }
}
