import type { Tensor } from '@gradstream/tensor'
import { classPairs } from './classes'
import { NO_HITS, addHits, hitFraction, mergeHits } from './hitCounts'
import type { AccuracyState } from './hitCounts'
import type { Metric } from './Metric'

function addBatch(fn: string, state: AccuracyState, labels: Tensor, predictions: Tensor): AccuracyState {
  const { trueClasses, predictedClasses } = classPairs(fn, labels, predictions, undefined)
  let correct = 0
  for (let i = 0; i < trueClasses.length; i++) if (trueClasses[i] === predictedClasses[i]) correct++
  return addHits(fn, state, correct, trueClasses.length)
}

/**
 * The fraction of samples whose predicted class is the true class, Keras's
 * `sparse_categorical_accuracy` (int32 labels) and `categorical_accuracy`
 * (one-hot labels) in one function. Predictions are scores `[..., classes]`
 * (logits or probabilities: the argmax is the same) or int32 class indices;
 * the predicted class is the argmax over the last axis, the first index on
 * ties as TF's `ArgMax`. The count is exact and the result a float64 number
 * (Keras and `tf.metrics.accuracy` divide float32 totals).
 *
 * @example
 * const labels = tensor([0, 1, 1], undefined, 'int32')
 * accuracy(labels, tensor([[2, 1], [3, 4], [5, 0]])) // 0.6666666666666666
 * accuracy(tensor([[1, 0], [0, 1]]), tensor([[0.5, 0.5], [0.1, 0.9]])) // 1 (the tie picks class 0)
 */
export function accuracy(labels: Tensor, predictions: Tensor): number {
  return hitFraction('accuracy', addBatch('accuracy', NO_HITS, labels, predictions))
}

/**
 * {@link accuracy} as a streaming accumulator: its result over any batching
 * of the data equals `accuracy` of the concatenated data, exactly.
 *
 * @example
 * const metric = accuracyMetric()
 * let state = metric.init()
 * state = metric.update(state, tensor([0, 1], undefined, 'int32'), tensor([[2, 1], [3, 4]]))
 * state = metric.update(state, tensor([1], undefined, 'int32'), tensor([[5, 0]]))
 * metric.result(state) // 0.6666666666666666
 */
export function accuracyMetric(): Metric<AccuracyState, number> {
  return Object.freeze({
    init: () => NO_HITS,
    update: (state: AccuracyState, labels: Tensor, predictions: Tensor) =>
      addBatch('accuracyMetric.update', state, labels, predictions),
    merge: (a: AccuracyState, b: AccuracyState) => mergeHits('accuracyMetric.merge', a, b),
    result: (state: AccuracyState) => hitFraction('accuracyMetric.result', state),
  })
}
