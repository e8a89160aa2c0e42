import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import {
  formatShape,
  logSoftmax,
  neg,
  oneHot,
  reshape,
  shapesEqual,
  sum,
  Tensor,
  where,
  zerosLike,
  checkFloatTensor,
  checkTensor,
} from '@gradstream/tensor'
import { checkLossOptions, checkWeights, reduceWeightedLoss } from './weightedLoss'
import type { LossOptions } from './weightedLoss'

const FN = 'sparseSoftmaxCrossEntropy'

/** Drops a trailing axis of size 1, as TF1's `_remove_squeezable_dimensions` does for labels and weights. */
function squeezeLast(x: Tensor): Tensor {
  return reshape(x, x.shape.slice(0, -1))
}

/** Where flat element `flat` of a tensor of `shape` sits, as `[1, 0]`. */
function positionOf(flat: number, shape: readonly number[]): string {
  const position = new Array<number>(shape.length)
  for (let axis = shape.length - 1, rest = flat; axis >= 0; axis--) {
    position[axis] = rest % shape[axis]!
    rest = Math.floor(rest / shape[axis]!)
  }
  return `[${position.join(', ')}]`
}

/** The labels as class indices: int32, shaped like the logits' rows (a trailing axis of 1 squeezed), in [0, classes). */
function classIndices(labels: Tensor, logits: Tensor): Tensor {
  if (labels.dtype !== 'int32') throw new DTypeError(FN, `labels must have dtype int32, got ${labels.dtype}`)
  const rows = logits.shape.slice(0, -1)
  const squeezable = labels.rank === logits.rank && labels.shape.at(-1) === 1
  const indices = squeezable ? squeezeLast(labels) : labels
  if (!shapesEqual(indices.shape, rows)) {
    throw new ShapeError(
      FN,
      `labels must have the shape of logits without the class axis, ${formatShape(rows)}, got labels ${formatShape(labels.shape)} and logits ${formatShape(logits.shape)}`,
    )
  }
  const classes = logits.shape[logits.rank - 1]!
  const values = indices.toFlatArray()
  const at = values.findIndex((label) => label < 0 || label >= classes)
  if (at >= 0) {
    throw new ConfigError(
      FN,
      `labels must be class indices in [0, ${classes}), got ${values[at]} at ${positionOf(at, indices.shape)}`,
    )
  }
  return indices
}

/**
 * TF1's `tf.losses.sparse_softmax_cross_entropy(labels, logits)`: for int32
 * class indices `labels` (the shape of `logits` without its last, class axis)
 * the per-example loss is `−logSoftmax(logits)[label] = log Σ exp(x) − x_label`,
 * computed from max-shifted logits as TF's kernel does; then weighted and
 * reduced (by default the mean over the examples).
 *
 * As in TF1, labels and weights with one more trailing axis of size 1 (`[batch, 1]`
 * for logits `[batch, classes]`) are squeezed. A label outside `[0, classes)`
 * is a ConfigError, as TF's CPU kernel refuses it (its GPU kernel gives NaN
 * instead). Only the logits are differentiated: the gradient of an example's
 * loss is `softmax(logits) − oneHot(label)`.
 *
 * @example
 * const labels = tensor([2, 0], undefined, 'int32')
 * sparseSoftmaxCrossEntropy(labels, tensor([[0, 0, 0], [0, 0, 0]])).item() // 1.0986123 (log 3)
 */
export function sparseSoftmaxCrossEntropy(labels: Tensor, logits: Tensor, options: LossOptions = {}): Tensor {
  checkTensor(FN, 'labels', labels)
  checkFloatTensor(FN, 'logits', logits)
  checkLossOptions(FN, options)
  if (logits.rank === 0) throw new ShapeError(FN, 'logits must have a class axis, got shape []')
  if (logits.shape.at(-1) === 0) {
    throw new ShapeError(FN, `logits must have at least one class, got shape ${formatShape(logits.shape)}`)
  }
  const indices = classIndices(labels, logits)
  const { weights } = options
  const squeezeWeights = weights instanceof Tensor && weights.rank === indices.rank + 1 && weights.shape.at(-1) === 1
  const rest = squeezeWeights ? { ...options, weights: squeezeLast(weights) } : options
  checkWeights(FN, rest, { shape: indices.shape, dtype: logits.dtype })
  const classes = logits.shape[logits.rank - 1]!
  // where, not a product with a one-hot: a −∞ logit (a masked class) must add 0, not 0 · −∞ = NaN, as in TF's kernel.
  const isLabel = oneHot(indices, classes, 1, 0, 'bool')
  const logProbabilities = logSoftmax(logits, -1)
  return reduceWeightedLoss(neg(sum(where(isLabel, logProbabilities, zerosLike(logits)), -1)), rest)
}
