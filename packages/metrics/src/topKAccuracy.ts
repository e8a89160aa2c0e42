import { checkInteger, checkOptions, DTypeError } from '@gradstream/core'
import { isFloatDType, checkTensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkClassIndices, scoreShape, trueClassesOf } from './classes'
import { NO_HITS, addHits, hitFraction, mergeHits } from './hitCounts'
import type { AccuracyState } from './hitCounts'
import type { Metric } from './Metric'

/** Options of {@link topKAccuracy} and {@link topKAccuracyMetric}. @example topKAccuracy(labels, logits, { k: 3 }) */
export interface TopKAccuracyOptions {
  /** How many of the highest scores may hold the true class; an integer >= 1, default 5 as Keras. */
  readonly k?: number
}

const OPTION_KEYS = ['k']

function checkK(fn: string, options: TopKAccuracyOptions): number {
  checkOptions(fn, options, OPTION_KEYS)
  const { k = 5 } = options
  checkInteger(fn, 'k', k, 1)
  return k
}

/** TF1's `InTopK` on one row: no more than k − 1 scores strictly above the target's, and every score finite. */
function inTopK(scores: ArrayLike<number>, offset: number, classes: number, target: number, k: number): boolean {
  const targetScore = scores[offset + target]!
  if (!Number.isFinite(targetScore)) return false
  let above = 0
  for (let j = 0; j < classes; j++) {
    const score = scores[offset + j]!
    if (!Number.isFinite(score)) return false
    if (score > targetScore) above++
  }
  return above < k
}

function addBatch(fn: string, k: number, state: AccuracyState, labels: Tensor, predictions: Tensor): AccuracyState {
  checkTensor(fn, 'labels', labels)
  checkTensor(fn, 'predictions', predictions)
  if (!isFloatDType(predictions.dtype)) {
    throw new DTypeError(fn, `predictions must be float32 or float64 scores, got ${predictions.dtype}`)
  }
  const { batchShape, classes } = scoreShape(fn, predictions)
  const { trueClasses } = trueClassesOf(fn, labels, batchShape, classes)
  checkClassIndices(fn, 'labels', trueClasses, classes)
  const scores = predictions.dataSync()
  let correct = 0
  for (let i = 0; i < trueClasses.length; i++) if (inTopK(scores, i * classes, classes, trueClasses[i]!, k)) correct++
  return addHits(fn, state, correct, trueClasses.length)
}

/**
 * The fraction of samples whose true class is among the `k` highest scores,
 * Keras's `sparse_top_k_categorical_accuracy` / `top_k_categorical_accuracy`
 * with TF1's `tf.nn.in_top_k` semantics: ties count in the sample's favour
 * (the true class is in the top k when fewer than k scores are strictly
 * greater than its own, so classes tied at the boundary are all in), and a row
 * with a non-finite score (NaN or ±∞) is never a hit. With `k: 1` a tie
 * therefore counts where {@link accuracy}'s first-index argmax may not.
 * Predictions must be float scores `[..., classes]`; labels are int32 indices
 * or one-hot rows; `k` may exceed the number of classes (every finite row hits).
 *
 * @example
 * const labels = tensor([2, 0], undefined, 'int32')
 * const scores = tensor([[0.1, 0.5, 0.4], [0.2, 0.3, 0.5]])
 * topKAccuracy(labels, scores, { k: 2 }) // 0.5
 * topKAccuracy(tensor([1], undefined, 'int32'), tensor([[1, 1, 1]]), { k: 1 }) // 1 (ties are in)
 */
export function topKAccuracy(labels: Tensor, predictions: Tensor, options: TopKAccuracyOptions = {}): number {
  const k = checkK('topKAccuracy', options)
  return hitFraction('topKAccuracy', addBatch('topKAccuracy', k, NO_HITS, labels, predictions))
}

/**
 * {@link topKAccuracy} as a streaming accumulator, with the state of
 * {@link accuracyMetric}; its result over any batching equals `topKAccuracy`
 * of the concatenated data, exactly.
 *
 * @example
 * const metric = topKAccuracyMetric({ k: 2 })
 * let state = metric.update(metric.init(), tensor([2], undefined, 'int32'), tensor([[0.1, 0.5, 0.4]]))
 * state = metric.update(state, tensor([0], undefined, 'int32'), tensor([[0.2, 0.3, 0.5]]))
 * metric.result(state) // 0.5
 */
export function topKAccuracyMetric(options: TopKAccuracyOptions = {}): Metric<AccuracyState, number> {
  const k = checkK('topKAccuracyMetric', options)
  return Object.freeze({
    init: () => NO_HITS,
    update: (state: AccuracyState, labels: Tensor, predictions: Tensor) =>
      addBatch('topKAccuracyMetric.update', k, state, labels, predictions),
    merge: (a: AccuracyState, b: AccuracyState) => mergeHits('topKAccuracyMetric.merge', a, b),
    result: (state: AccuracyState) => hitFraction('topKAccuracyMetric.result', state),
  })
}
