import { checkNonNegative, checkOptions } from '@gradstream/core'
import { greater, mul, sub, sum, where } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkPair } from './checks'

/**
 * Costs of {@link asymmetricLoss}, both finite and >= 0.
 * @example asymmetricLoss({ under: 10, over: 1 } satisfies AsymmetricLossOptions)
 */
export interface AsymmetricLossOptions {
  /** Cost per unit a prediction falls short of its label (the seed's `loss_less`). */
  readonly under: number
  /** Cost per unit a prediction exceeds its label (the seed's `loss_more`). */
  readonly over: number
}

/**
 * A loss of labels and predictions returning a scalar, as `asymmetricLoss` returns.
 * @example const loss: LossFunction = (labels, predictions) => meanSquaredError(labels, predictions)
 */
export type LossFunction = (labels: Tensor, predictions: Tensor) => Tensor

/**
 * The seed's custom loss (自定义损失函数): the sum over elements of
 * `(predictions − labels) · over` where the prediction is strictly greater
 * than the label and `(labels − predictions) · under` elsewhere. Built with
 * exactly TF1's ops, `reduce_sum(where(greater(y, y_), (y − y_) · over, (y_ − y) · under))`,
 * so the gradient is `over` where predictions > labels and `−under` otherwise
 * (ties go to `under`), as in TF1.
 *
 * @example
 * const loss = asymmetricLoss({ under: 10, over: 1 }) // predicting too little costs 10× more
 * loss(tensor([[1], [1]]), tensor([[2], [0.5]])).item() // 6 (1 · 1 + 0.5 · 10)
 */
export function asymmetricLoss(options: AsymmetricLossOptions): LossFunction {
  checkOptions('asymmetricLoss', options, ['under', 'over'])
  const { under, over } = options
  checkNonNegative('asymmetricLoss', 'under', under)
  checkNonNegative('asymmetricLoss', 'over', over)
  return (labels, predictions) => {
    checkPair('asymmetricLoss', ['labels', 'predictions'], labels, predictions)
    const tooHigh = greater(predictions, labels)
    return sum(where(tooHigh, mul(sub(predictions, labels), over), mul(sub(labels, predictions), under)))
  }
}
