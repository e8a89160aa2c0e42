import { square, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * TF1's `tf.losses.mean_squared_error`: per element `(predictions − labels)²`,
 * weighted and reduced (by default the mean over all elements).
 *
 * @example
 * meanSquaredError(tensor([[1], [2]]), tensor([[1], [4]])).item() // 2
 * meanSquaredError(tensor([1, 2]), tensor([2, 4]), { reduction: 'none' }).toArray() // [1, 4]
 */
export function meanSquaredError(labels: Tensor, predictions: Tensor, options: LossOptions = {}): Tensor {
  checkLossCall('meanSquaredError', ['labels', 'predictions'], [labels, predictions], options)
  checkWeights('meanSquaredError', options, predictions)
  return reduceWeightedLoss(square(sub(predictions, labels)), options)
}
