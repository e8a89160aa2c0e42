import type { Tensor } from '@gradstream/tensor'
import { NO_ERRORS, addErrors, meanError, mergeErrors } from './errorSums'
import type { ErrorSumState } from './errorSums'
import type { Metric } from './Metric'

/**
 * The mean of |labels − predictions| over every element, as
 * `tf.metrics.mean_absolute_error` and Keras's `MeanAbsoluteError`: each
 * difference in the inputs' dtype (float32 rounds it as TF1 does), the sum in
 * float64, so the result does not drift with the number of samples. Labels
 * and predictions are float tensors of one dtype and one shape.
 *
 * @example meanAbsoluteError(tensor([1, 2, 3]), tensor([1.5, 2, 1])) // 0.8333333333333334
 */
export function meanAbsoluteError(labels: Tensor, predictions: Tensor): number {
  return meanError('meanAbsoluteError', addErrors('meanAbsoluteError', 'absolute', NO_ERRORS, labels, predictions))
}

/**
 * {@link meanAbsoluteError} as a streaming accumulator: over any batching it
 * equals `meanAbsoluteError` of the concatenated data up to float64 rounding
 * of the sum (about one part in 10¹⁵ per batch).
 *
 * @example
 * const metric = meanAbsoluteErrorMetric()
 * const state = metric.update(metric.init(), tensor([1, 2]), tensor([1.5, 2]))
 * metric.result(metric.update(state, tensor([3]), tensor([1]))) // 0.8333333333333334
 */
export function meanAbsoluteErrorMetric(): Metric<ErrorSumState, number> {
  return Object.freeze({
    init: () => NO_ERRORS,
    update: (state: ErrorSumState, labels: Tensor, predictions: Tensor) =>
      addErrors('meanAbsoluteErrorMetric.update', 'absolute', state, labels, predictions),
    merge: (a: ErrorSumState, b: ErrorSumState) => mergeErrors('meanAbsoluteErrorMetric.merge', a, b),
    result: (state: ErrorSumState) => meanError('meanAbsoluteErrorMetric.result', state),
  })
}
