import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { argMax, formatShape, isFloatDType, shapesEqual, checkTensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

// How the classification metrics read their inputs (Keras's sparse_categorical_accuracy and
// categorical_accuracy in one rule, plus tf.math.confusion_matrix's class indices):
//   predictions: float scores [...batch, classes] (logits or probabilities, argmax taken), or int32 class indices [...batch];
//   labels: int32 class indices [...batch], or one-hot [...batch, classes] (argmax taken, so soft labels work too).

/** The true and predicted class of every sample, and the number of classes where the inputs tell it. */
export interface ClassPairs {
  readonly trueClasses: ArrayLike<number>
  readonly predictedClasses: ArrayLike<number>
  /** From the scores' or the one-hot labels' last axis, else from the `numClasses` option; undefined when neither. */
  readonly numClasses: number | undefined
}

/** The scores' batch shape and number of classes; a ShapeError without a class axis. */
export function scoreShape(fn: string, predictions: Tensor): { batchShape: readonly number[]; classes: number } {
  const classes = predictions.shape[predictions.rank - 1]
  if (classes === undefined || classes === 0) {
    throw new ShapeError(
      fn,
      `predictions must be scores of shape [..., classes] with at least one class, got ${formatShape(predictions.shape)}`,
    )
  }
  return { batchShape: predictions.shape.slice(0, -1), classes }
}

/** The true class of each sample from int32 indices of the batch shape or one-hot rows of `classes` (when known). */
export function trueClassesOf(
  fn: string,
  labels: Tensor,
  batchShape: readonly number[],
  classes: number | undefined,
): { trueClasses: ArrayLike<number>; classes: number | undefined } {
  if (shapesEqual(labels.shape, batchShape)) {
    if (labels.dtype !== 'int32') {
      throw new DTypeError(
        fn,
        `labels of shape ${formatShape(labels.shape)} are class indices and must have dtype int32, got ${labels.dtype}`,
      )
    }
    return { trueClasses: labels.dataSync(), classes }
  }
  const depth = labels.shape[labels.rank - 1]
  const oneHot =
    depth !== undefined &&
    depth > 0 &&
    labels.rank === batchShape.length + 1 &&
    shapesEqual(labels.shape.slice(0, -1), batchShape) &&
    (classes === undefined || depth === classes)
  if (!oneHot) {
    const withClasses = `[${[...batchShape, classes ?? 'classes'].join(', ')}]`
    throw new ShapeError(
      fn,
      `labels must have shape ${formatShape(batchShape)} (class indices) or ${withClasses} (one-hot), got ${formatShape(labels.shape)}`,
    )
  }
  if (labels.dtype === 'bool') throw new DTypeError(fn, `one-hot labels must have a numeric dtype, got bool`)
  return { trueClasses: argMax(labels, -1).dataSync(), classes: depth }
}

/** Throws a ConfigError at the first value that is not a class index in [0, classes) (or >= 0 when classes is unknown). */
export function checkClassIndices(
  fn: string,
  name: string,
  indices: ArrayLike<number>,
  classes: number | undefined,
): void {
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!
    if (index >= 0 && (classes === undefined || index < classes)) continue
    const range = classes === undefined ? 'non-negative class indices' : `class indices in [0, ${classes})`
    throw new ConfigError(fn, `${name} must be ${range}, got ${index} at flat index ${i}`)
  }
}

/**
 * Reads a classification metric's inputs (see the rule above); `numClasses`
 * must agree with the class axis where there is one. Every class index is
 * checked against the number of classes when known.
 */
export function classPairs(
  fn: string,
  labels: unknown,
  predictions: unknown,
  numClasses: number | undefined,
): ClassPairs {
  checkTensor(fn, 'labels', labels)
  checkTensor(fn, 'predictions', predictions)
  let batchShape: readonly number[]
  let classes: number | undefined
  let predictedClasses: ArrayLike<number>
  if (isFloatDType(predictions.dtype)) {
    ;({ batchShape, classes } = scoreShape(fn, predictions))
    predictedClasses = argMax(predictions, -1).dataSync()
  } else if (predictions.dtype === 'int32') {
    batchShape = predictions.shape
    predictedClasses = predictions.dataSync()
  } else {
    throw new DTypeError(
      fn,
      `predictions must have dtype float32 or float64 (scores) or int32 (class indices), got ${predictions.dtype}`,
    )
  }
  const read = trueClassesOf(fn, labels, batchShape, classes)
  if (numClasses !== undefined && read.classes !== undefined && read.classes !== numClasses) {
    throw new ShapeError(
      fn,
      `the inputs have ${read.classes} classes on their last axis, but numClasses is ${numClasses}`,
    )
  }
  const known = read.classes ?? numClasses
  checkClassIndices(fn, 'labels', read.trueClasses, known)
  if (classes === undefined) checkClassIndices(fn, 'predictions', predictedClasses, known)
  return { trueClasses: read.trueClasses, predictedClasses, numClasses: known }
}
