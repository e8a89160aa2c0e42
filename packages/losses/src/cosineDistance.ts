import { checkInteger, ConfigError, ShapeError } from '@gradstream/core'
import { mul, sub, sum } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkLossCall, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

const FN = 'cosineDistance'

/**
 * Options of {@link cosineDistance}.
 * @example cosineDistance(labels, predictions, { axis: -1, reduction: 'none' } satisfies CosineDistanceOptions)
 */
export interface CosineDistanceOptions extends LossOptions {
  /** The axis holding the vectors, negative counting from the end; required, as in TF1. */
  readonly axis: number
}

/**
 * TF1's `tf.losses.cosine_distance(labels, predictions, axis)`: per vector
 * along `axis`, `1 − Σ labels · predictions`, kept as an axis of size 1 (TF1's
 * `keepdims=True`, so weights broadcast to the inputs' shape with that axis
 * of size 1); then weighted and reduced (by default the mean over the vectors).
 *
 * Like TF1, it does not normalize: `labels` and `predictions` are expected to
 * be unit vectors along `axis` (divide each by its norm first), and only then
 * is the result the cosine distance, in [0, 2].
 *
 * @example
 * const labels = tensor([[1, 0], [0, 1]])
 * cosineDistance(labels, tensor([[0.6, 0.8], [0.6, 0.8]]), { axis: 1, reduction: 'none' }).toArray()
 * // [[0.3999999761581421], [0.19999998807907104]]: 1 − 0.6 and 1 − 0.8 in float32
 */
export function cosineDistance(labels: Tensor, predictions: Tensor, options: CosineDistanceOptions): Tensor {
  checkLossCall(FN, ['labels', 'predictions'], [labels, predictions], options, ['axis'])
  const { axis, ...rest } = options
  if (axis === undefined) throw new ConfigError(FN, 'axis is required (the axis holding the vectors)')
  if (labels.rank === 0) throw new ShapeError(FN, 'labels and predictions must have an axis to sum over, got shape []')
  checkInteger(FN, 'axis', axis, -labels.rank, labels.rank - 1)
  const lossShape = labels.shape.map((d, i) => (i === (axis + labels.rank) % labels.rank ? 1 : d))
  checkWeights(FN, rest, { shape: lossShape, dtype: labels.dtype })
  return reduceWeightedLoss(sub(1, sum(mul(predictions, labels), axis, true)), rest)
}
