import { add, log, mul, neg, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkNonNegative } from '@gradstream/core'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * Options of {@link logLoss}.
 * @example logLoss(labels, probabilities, { epsilon: 1e-7 })
 */
export interface LogLossOptions extends LossOptions {
  /** Added inside both logs so that probabilities of 0 and 1 stay finite; default 1e-7 (TF1's). */
  readonly epsilon?: number
}

/**
 * TF1's `tf.losses.log_loss` (binary cross-entropy on probabilities): per
 * element `−labels · log(predictions + ε) − (1 − labels) · log(1 − predictions + ε)`,
 * then weighted and reduced. For logits, use {@link sigmoidCrossEntropy}.
 *
 * @example
 * logLoss(tensor([1, 0]), tensor([0.5, 0.5]), { epsilon: 0 }).item() // 0.6931472 (log 2)
 */
export function logLoss(labels: Tensor, predictions: Tensor, options: LogLossOptions = {}): Tensor {
  checkLossCall('logLoss', ['labels', 'predictions'], [labels, predictions], options, ['epsilon'])
  const { epsilon = 1e-7, ...rest } = options
  checkNonNegative('logLoss', 'epsilon', epsilon)
  checkWeights('logLoss', rest, predictions)
  const positive = mul(labels, log(add(predictions, epsilon)))
  const negative = mul(sub(1, labels), log(add(sub(1, predictions), epsilon)))
  return reduceWeightedLoss(sub(neg(positive), negative), rest)
}
