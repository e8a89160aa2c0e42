import { DTypeError, ShapeError } from '@gradstream/core'
import { checkFloatTensor, checkTensor, formatShape, shapesEqual } from '@gradstream/tensor'

// The losses' check of a labels/predictions pair. Single tensors use @gradstream/tensor's checks; options and numbers, @gradstream/core's.

/**
 * Checks a loss's two inputs: Tensors of one float dtype and the same shape
 * (TF1 asserts `predictions.shape.is_compatible_with(labels.shape)`).
 */
export function checkPair(fn: string, names: readonly [string, string], a: unknown, b: unknown): void {
  checkTensor(fn, names[0], a)
  checkTensor(fn, names[1], b)
  checkFloatTensor(fn, names[0], a)
  checkFloatTensor(fn, names[1], b)
  if (a.dtype !== b.dtype) {
    throw new DTypeError(fn, `dtypes differ: ${names[0]} is ${a.dtype}, ${names[1]} is ${b.dtype}`)
  }
  if (!shapesEqual(a.shape, b.shape)) {
    throw new ShapeError(
      fn,
      `${names[0]} and ${names[1]} must have the same shape, got ${names[0]} ${formatShape(a.shape)} and ${names[1]} ${formatShape(b.shape)}`,
    )
  }
}
