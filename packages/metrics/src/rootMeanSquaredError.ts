import type { Tensor } from '@gradstream/tensor'
import { NO_ERRORS, addErrors, meanError, mergeErrors } from './errorSums'
import type { ErrorSumState } from './errorSums'
import type { Metric } from './Metric'

/**
 * √(mean of (labels − predictions)²) over every element, as
 * `tf.metrics.root_mean_squared_error` and Keras's `RootMeanSquaredError`:
 * each squared difference in the inputs' dtype (float32 rounds the difference
 * and its square as TF1's `squared_difference`), the sum, mean and square root
 * in float64. Labels and predictions are float tensors of one dtype and one shape.
 *
 * @example rootMeanSquaredError(tensor([0, 0]), tensor([3, 4])) // 3.5355339059327378
 */
export function rootMeanSquaredError(labels: Tensor, predictions: Tensor): number {
  const fn = 'rootMeanSquaredError'
  return Math.sqrt(meanError(fn, addErrors(fn, 'squared', NO_ERRORS, labels, predictions)))
}

/**
 * {@link rootMeanSquaredError} as a streaming accumulator (it sums squares,
 * so the square root is taken once, over all batches); over any batching it
 * equals `rootMeanSquaredError` of the concatenated data up to float64 rounding.
 *
 * @example
 * const metric = rootMeanSquaredErrorMetric()
 * const state = metric.update(metric.init(), tensor([0]), tensor([3]))
 * metric.result(metric.update(state, tensor([0]), tensor([4]))) // 3.5355339059327378
 */
export function rootMeanSquaredErrorMetric(): Metric<ErrorSumState, number> {
  return Object.freeze({
    init: () => NO_ERRORS,
    update: (state: ErrorSumState, labels: Tensor, predictions: Tensor) =>
      addErrors('rootMeanSquaredErrorMetric.update', 'squared', state, labels, predictions),
    merge: (a: ErrorSumState, b: ErrorSumState) => mergeErrors('rootMeanSquaredErrorMetric.merge', a, b),
    result: (state: ErrorSumState) => Math.sqrt(meanError('rootMeanSquaredErrorMetric.result', state)),
  })
}
