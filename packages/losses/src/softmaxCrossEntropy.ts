import { add, logSoftmax, mul, neg, ShapeError, sum } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkInRange } from '@gradstream/core'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

/**
 * Options of {@link softmaxCrossEntropy}.
 * @example softmaxCrossEntropy(onehotLabels, logits, { labelSmoothing: 0.1, weights: rowWeights })
 */
export interface SoftmaxCrossEntropyOptions extends LossOptions {
  /** Mixes the one-hot labels with the uniform distribution: `labels · (1 − s) + s / classes`, s in [0, 1]; default 0. */
  readonly labelSmoothing?: number
}

/**
 * TF1's `tf.losses.softmax_cross_entropy(onehot_labels, logits)`: per row
 * (the last axis holds the classes) `−Σ labels · logSoftmax(logits)`, so the
 * per-example losses have the shape without the last axis; weights broadcast
 * to that shape. Then weighted and reduced.
 *
 * @example
 * softmaxCrossEntropy(tensor([[1, 0], [0, 1]]), tensor([[0, 0], [0, 0]])).item() // 0.6931472 (log 2)
 */
export function softmaxCrossEntropy(
  onehotLabels: Tensor,
  logits: Tensor,
  options: SoftmaxCrossEntropyOptions = {},
): Tensor {
  checkLossCall('softmaxCrossEntropy', ['onehotLabels', 'logits'], [onehotLabels, logits], options, ['labelSmoothing'])
  if (logits.rank === 0) throw new ShapeError('softmaxCrossEntropy', 'logits must have a class axis, got shape []')
  const { labelSmoothing = 0, ...rest } = options
  checkInRange('softmaxCrossEntropy', 'labelSmoothing', labelSmoothing, 0, 1)
  checkWeights('softmaxCrossEntropy', rest, { shape: logits.shape.slice(0, -1), dtype: logits.dtype })
  const classes = logits.shape[logits.rank - 1]!
  // TF1: 1 − s in double; s / classes as a float32 division (classes is cast to the logits' dtype).
  const negatives =
    logits.dtype === 'float32' ? Math.fround(Math.fround(labelSmoothing) / classes) : labelSmoothing / classes
  const labels = labelSmoothing > 0 ? add(mul(onehotLabels, 1 - labelSmoothing), negatives) : onehotLabels
  return reduceWeightedLoss(neg(sum(mul(labels, logSoftmax(logits, -1)), -1)), rest)
}
