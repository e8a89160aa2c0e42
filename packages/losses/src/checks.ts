import { describe, DTypeError, ShapeError } from '@gradstream/core'
import { formatShape, isFloatDType, shapesEqual, Tensor } from '@gradstream/tensor'

// The losses' own checks: tensors and pairs of tensors. Options and numbers use @gradstream/core's checks.

/** Throws a DTypeError unless `x` is a Tensor, naming the argument (as tfjs does). */
export function checkTensor(fn: string, name: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new DTypeError(fn, `argument '${name}' must be a Tensor, got ${describe(x)}`)
}

/** Throws a DTypeError unless `x` is a float32 or float64 Tensor. */
export function checkFloatTensor(fn: string, name: string, x: unknown): asserts x is Tensor {
  checkTensor(fn, name, x)
  if (!isFloatDType(x.dtype)) throw new DTypeError(fn, `${name} must have dtype float32 or float64, got ${x.dtype}`)
}

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
