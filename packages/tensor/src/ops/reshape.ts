import { ShapeError, describe } from '@gradstream/core'
import { formatShape, normalizeAxes, normalizeNewAxis } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensor } from './argumentChecks'

/**
 * The same values in a new shape; one dimension may be -1 and is inferred.
 * @example reshape(tensor([1, 2, 3, 4]), [2, -1]).shape // [2, 2]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', 'x', x)
  const resolved = resolveShape(x, shape)
  // Tensors are immutable, so the reshaped tensor shares storage with x.
  const out = fromKernel(valuesOf(x), resolved, x.dtype)
  // The tensor's own frozen shape: the caller's array may change later.
  record('reshape', [x], out, { shape: out.shape })
  return out
}

function resolveShape(x: Tensor, shape: readonly number[]): readonly number[] {
  if (!Array.isArray(shape))
    throw new ShapeError('reshape', `shape must be an array of dimensions, got ${describe(shape)}`)
  // One pass, no callbacks: reshape runs for every differentiated leaf and every unbroadcast gradient.
  let inferredAxis = -1
  let known = 1
  for (let axis = 0; axis < shape.length; axis++) {
    const d = shape[axis]!
    if (d === -1 && inferredAxis === -1) inferredAxis = axis
    else if (Number.isInteger(d) && d >= 0) known *= d
    else {
      throw new ShapeError(
        'reshape',
        `shape must be non-negative integers with at most one -1, got ${formatShape(shape)}`,
      )
    }
  }
  const fits = inferredAxis === -1 ? known === x.size : known !== 0 && x.size % known === 0
  if (!fits) {
    throw new ShapeError(
      'reshape',
      `cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
    )
  }
  if (inferredAxis === -1) return shape
  const resolved = shape.slice()
  resolved[inferredAxis] = x.size / known
  return resolved
}

/**
 * Inserts an axis of length 1 at `axis` (negative counts from the end of the new shape).
 * @example expandDims(tensor([1, 2]), 1).shape // [2, 1]
 */
export function expandDims(x: Tensor, axis = 0): Tensor {
  checkTensor('expandDims', 'x', x)
  const resolved = normalizeNewAxis('expandDims', axis, x.rank)
  const shape = x.shape.slice()
  shape.splice(resolved, 0, 1)
  return reshape(x, shape)
}

/**
 * Removes axes of length 1: the listed ones, or all of them.
 * @example squeeze(tensor([[1], [2]])).shape // [2]
 */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  checkTensor('squeeze', 'x', x)
  const axes =
    axis === undefined ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes('squeeze', axis, x.rank)
  for (const a of axes) {
    if (x.shape[a] !== 1)
      throw new ShapeError('squeeze', `axis ${a} has length ${x.shape[a]}, not 1, in ${formatShape(x.shape)}`)
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  )
}
