import { add, exp, greaterEqual, log1p, mul, neg, sub, where, zerosLike } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkInRange } from '@gradstream/core'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * Options of {@link sigmoidCrossEntropy}.
 * @example sigmoidCrossEntropy(labels, logits, { labelSmoothing: 0.1 })
 */
export interface SigmoidCrossEntropyOptions extends LossOptions {
  /** Moves labels towards ½: `labels · (1 − s) + ½s`, s in [0, 1]; default 0. */
  readonly labelSmoothing?: number
}

/**
 * TF1's `tf.nn.sigmoid_cross_entropy_with_logits`, in its stable form:
 * `max(x, 0) − x · z + log(1 + exp(−|x|))` for logits `x` and labels `z`.
 */
function sigmoidCrossEntropyWithLogits(labels: Tensor, logits: Tensor): Tensor {
  const zeros = zerosLike(logits)
  const nonNegative = greaterEqual(logits, zeros)
  const reluLogits = where(nonNegative, logits, zeros)
  const negAbsLogits = where(nonNegative, neg(logits), logits)
  return add(sub(reluLogits, mul(logits, labels)), log1p(exp(negAbsLogits)))
}

/**
 * TF1's `tf.losses.sigmoid_cross_entropy(multi_class_labels, logits)`:
 * per element binary cross-entropy of `sigmoid(logits)` against labels in
 * [0, 1], computed from the logits without overflow, then weighted and reduced.
 *
 * @example
 * sigmoidCrossEntropy(tensor([1, 0]), tensor([0, 0])).item() // 0.6931472 (log 2)
 */
export function sigmoidCrossEntropy(
  multiClassLabels: Tensor,
  logits: Tensor,
  options: SigmoidCrossEntropyOptions = {},
): Tensor {
  checkLossCall('sigmoidCrossEntropy', ['multiClassLabels', 'logits'], [multiClassLabels, logits], options, [
    'labelSmoothing',
  ])
  const { labelSmoothing = 0, ...rest } = options
  checkInRange('sigmoidCrossEntropy', 'labelSmoothing', labelSmoothing, 0, 1)
  checkWeights('sigmoidCrossEntropy', rest, logits)
  // TF1 computes 1 − s and ½s in double (Python floats), then as float32 constants.
  const labels =
    labelSmoothing > 0 ? add(mul(multiClassLabels, 1 - labelSmoothing), 0.5 * labelSmoothing) : multiClassLabels
  return reduceWeightedLoss(sigmoidCrossEntropyWithLogits(labels, logits), rest)
}
