import { abs, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * TF1's `tf.losses.absolute_difference`: per element `|predictions − labels|`,
 * weighted and reduced (by default the mean over all elements).
 *
 * @example
 * absoluteDifference(tensor([1, 2]), tensor([2, 5])).item() // 2
 */
export function absoluteDifference(labels: Tensor, predictions: Tensor, options: LossOptions = {}): Tensor {
  checkLossCall('absoluteDifference', ['labels', 'predictions'], [labels, predictions], options)
  checkWeights('absoluteDifference', options, predictions)
  return reduceWeightedLoss(abs(sub(predictions, labels)), options)
}
