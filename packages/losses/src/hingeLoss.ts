import { mul, onesLike, relu, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * TF1's `tf.losses.hinge_loss`: labels in {0, 1} become ±1 (`2 · labels − 1`),
 * and per element the loss is `max(0, 1 − signedLabels · logits)`, then
 * weighted and reduced.
 *
 * @example
 * hingeLoss(tensor([1, 0]), tensor([0.5, 2]), { reduction: 'none' }).toArray() // [0.5, 3]
 */
export function hingeLoss(labels: Tensor, logits: Tensor, options: LossOptions = {}): Tensor {
  checkLossCall('hingeLoss', ['labels', 'logits'], [labels, logits], options)
  checkWeights('hingeLoss', options, logits)
  const allOnes = onesLike(labels)
  const signedLabels = sub(mul(2, labels), allOnes)
  return reduceWeightedLoss(relu(sub(allOnes, mul(signedLabels, logits))), options)
}
