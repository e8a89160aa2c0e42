import { ShapeError } from '@gradstream/core'
import { clipByValue, div, log, mul, sum } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

const FN = 'kullbackLeiblerDivergence'

// Keras's backend epsilon, K.epsilon(): both distributions are clipped to [1e-7, 1] before the log.
const EPSILON = 1e-7

/**
 * The Kullback-Leibler divergence of `predictions` from `labels`, as
 * `tf.keras.losses.KLD`: both clipped to `[1e-7, 1]`, then per row (the last
 * axis holds the distribution) `Σ y · log(y / ŷ)`, so the per-example losses
 * have the shape without the last axis; weights broadcast to that shape.
 *
 * The default reduction is `'sumOverBatchSize'`, that of Keras's
 * `tf.keras.losses.KLDivergence` (`SUM_OVER_BATCH_SIZE`): the sum of the
 * weighted per-example losses divided by the number of examples. Without
 * weights that is the mean over the examples, as the other losses' default.
 * The clipping makes the gradient 0 where a value lies outside `[1e-7, 1]`.
 *
 * @example
 * kullbackLeiblerDivergence(tensor([[0.5, 0.5]]), tensor([[0.25, 0.75]])).item() // 0.14384106 (½ log(4/3))
 */
export function kullbackLeiblerDivergence(labels: Tensor, predictions: Tensor, options: LossOptions = {}): Tensor {
  checkLossCall(FN, ['labels', 'predictions'], [labels, predictions], options)
  if (labels.rank === 0) throw new ShapeError(FN, 'labels and predictions must have a distribution axis, got shape []')
  const { reduction = 'sumOverBatchSize', ...rest } = options
  const reduced = { ...rest, reduction }
  checkWeights(FN, reduced, { shape: labels.shape.slice(0, -1), dtype: labels.dtype })
  const y = clipByValue(labels, EPSILON, 1)
  const yHat = clipByValue(predictions, EPSILON, 1)
  return reduceWeightedLoss(sum(mul(y, log(div(y, yHat))), -1), reduced)
}
