import { abs, add, minimum, mul, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkPositive } from '@gradstream/core'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * Options of {@link huberLoss}.
 * @example huberLoss(labels, predictions, { delta: 0.5, reduction: 'sum' })
 */
export interface HuberLossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear, > 0; default 1. */
  readonly delta?: number
}

/**
 * TF1's `tf.losses.huber_loss`: per element, with `e = |predictions − labels|`,
 * `½e²` for `e <= delta` and `½delta² + delta · (e − delta)` beyond, built as
 * TF1 builds it (`q = min(e, delta)`, `½q² + delta · (e − q)`), then weighted and reduced.
 *
 * @example
 * huberLoss(tensor([0, 0]), tensor([0.5, 3])).item() // 1.3125 (mean of 0.125 and 2.5)
 */
export function huberLoss(labels: Tensor, predictions: Tensor, options: HuberLossOptions = {}): Tensor {
  checkLossCall('huberLoss', ['labels', 'predictions'], [labels, predictions], options, ['delta'])
  const { delta = 1, ...rest } = options
  checkPositive('huberLoss', 'delta', delta)
  checkWeights('huberLoss', rest, predictions)
  const absError = abs(sub(predictions, labels))
  const quadratic = minimum(absError, delta)
  const linear = sub(absError, quadratic)
  return reduceWeightedLoss(add(mul(0.5, mul(quadratic, quadratic)), mul(delta, linear)), rest)
}
