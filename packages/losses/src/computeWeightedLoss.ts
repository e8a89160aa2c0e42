import { checkFloatTensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkLossOptions, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * TF1's `tf.losses.compute_weighted_loss(losses, weights, reduction)`: multiplies
 * per-element `losses` by `weights` (a finite number or a tensor that broadcasts
 * to them), then reduces them as `reduction` says (see `Reduction`), by default
 * `'sumByNonzeroWeights'`. Every loss of this package ends with it; call it on
 * losses of your own to weight and reduce them the same way.
 *
 * TF1 casts losses and weights to float32 for this step and back afterwards;
 * here float64 losses are weighted and reduced in float64.
 *
 * @example
 * const losses = tensor([[1, 2], [3, 4]])
 * computeWeightedLoss(losses).item() // 2.5
 * computeWeightedLoss(losses, { weights: tensor([[1], [0]]), reduction: 'sumOverBatchSize' }).item() // 0.75
 */
export function computeWeightedLoss(losses: Tensor, options: LossOptions = {}): Tensor {
  checkFloatTensor('computeWeightedLoss', 'losses', losses)
  checkLossOptions('computeWeightedLoss', options)
  checkWeights('computeWeightedLoss', options, losses)
  return reduceWeightedLoss(losses, options)
}
