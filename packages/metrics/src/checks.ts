import { DTypeError, ShapeError, StructureError, describe, isPlainObject } from '@gradstream/core'
import { checkFloatTensor, formatShape, shapesEqual } from '@gradstream/tensor'

// The metrics' checks on tensors; options and numbers use @gradstream/core's checks.

/** Throws unless `labels` and `predictions` are float tensors of one dtype and one shape. */
export function checkSameFloat(fn: string, labels: unknown, predictions: unknown): void {
  checkFloatTensor(fn, 'labels', labels)
  checkFloatTensor(fn, 'predictions', predictions)
  if (labels.dtype !== predictions.dtype) {
    throw new DTypeError(fn, `dtypes differ: labels is ${labels.dtype}, predictions is ${predictions.dtype}`)
  }
  if (!shapesEqual(labels.shape, predictions.shape)) {
    throw new ShapeError(
      fn,
      `labels and predictions must have the same shape, got labels ${formatShape(labels.shape)} and predictions ${formatShape(predictions.shape)}`,
    )
  }
}

/** The error of a metric asked for its value over no samples (Keras would answer 0, hiding an empty set). */
export function noSamplesError(fn: string): ShapeError {
  return new ShapeError(fn, 'no samples: the metric of an empty set is undefined')
}

/**
 * Throws a StructureError unless `state` is a record as `init()` makes it: a
 * finite number >= 0 under each of `counts`, and any number (NaN propagates)
 * under each of `sums`.
 */
export function checkCountState(
  fn: string,
  state: unknown,
  counts: readonly string[],
  sums: readonly string[] = [],
): void {
  const record = isPlainObject(state) ? state : undefined
  const valid =
    counts.every((key) => {
      const value = record?.[key]
      return typeof value === 'number' && Number.isFinite(value) && value >= 0
    }) && sums.every((key) => typeof record?.[key] === 'number')
  if (!valid) {
    const keys = [...sums, ...counts].join(', ')
    throw new StructureError(fn, `state must be a { ${keys} } record made by init(), got ${describe(state)}`)
  }
}
