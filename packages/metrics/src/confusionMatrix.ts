import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import {
  addConfusion,
  checkConfusionState,
  checkInt32Counts,
  confusionOf,
  emptyConfusion,
  mergeConfusion,
  metricNumClasses,
  numClassesOption,
} from './confusionCounts'
import type { ConfusionMatrixMetricOptions, ConfusionMatrixOptions, ConfusionMatrixState } from './confusionCounts'
import type { Metric } from './Metric'

function matrixOf(fn: string, state: ConfusionMatrixState): Tensor {
  checkInt32Counts(fn, state)
  return tensor(state.counts.slice(), [state.numClasses, state.numClasses], 'int32')
}

/**
 * The int32 `[classes, classes]` matrix whose entry `[t, p]` counts the
 * samples of true class t predicted as p: rows are true labels, columns
 * predictions, as `tf.math.confusion_matrix`. Inputs follow {@link accuracy}'s
 * rule (scores or int32 indices; int32 indices or one-hot labels); when both
 * are int32 indices and `numClasses` is not given, the number of classes is
 * the largest index plus one, as TF. With a known number of classes an empty
 * batch gives a matrix of zeros.
 *
 * @example
 * const labels = tensor([0, 1, 1, 2], undefined, 'int32')
 * const predicted = tensor([0, 2, 1, 2], undefined, 'int32')
 * confusionMatrix(labels, predicted).toArray() // [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
 */
export function confusionMatrix(labels: Tensor, predictions: Tensor, options: ConfusionMatrixOptions = {}): Tensor {
  const numClasses = numClassesOption('confusionMatrix', options)
  return matrixOf('confusionMatrix', confusionOf('confusionMatrix', labels, predictions, numClasses))
}

/**
 * {@link confusionMatrix} as a streaming accumulator over `numClasses`
 * classes; its result over any batching equals `confusionMatrix` of the
 * concatenated data, exactly. The state's counts are exact past int32's range
 * (the result then throws; read `state.counts`).
 *
 * @example
 * const metric = confusionMatrixMetric({ numClasses: 2 })
 * let state = metric.update(metric.init(), tensor([0, 1], undefined, 'int32'), tensor([[2, 1], [3, 4]]))
 * state = metric.update(state, tensor([1], undefined, 'int32'), tensor([[5, 0]]))
 * metric.result(state).toArray() // [[1, 0], [1, 1]]
 */
export function confusionMatrixMetric(options: ConfusionMatrixMetricOptions): Metric<ConfusionMatrixState, Tensor> {
  const numClasses = metricNumClasses('confusionMatrixMetric', options)
  return Object.freeze({
    init: () => emptyConfusion(numClasses),
    update: (state: ConfusionMatrixState, labels: Tensor, predictions: Tensor) => {
      checkConfusionState('confusionMatrixMetric.update', state, numClasses)
      return addConfusion('confusionMatrixMetric.update', state, labels, predictions)
    },
    merge: (a: ConfusionMatrixState, b: ConfusionMatrixState) => {
      checkConfusionState('confusionMatrixMetric.merge', a, numClasses)
      return mergeConfusion('confusionMatrixMetric.merge', a, b)
    },
    result: (state: ConfusionMatrixState) => {
      checkConfusionState('confusionMatrixMetric.result', state, numClasses)
      return matrixOf('confusionMatrixMetric.result', state)
    },
  })
}
