import { ShapeError } from '../errors'
import { formatShape, normalizeAxes, normalizeNewAxis, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensor } from './convert'

/**
 * The same values in a new shape; one dimension may be -1 and is inferred.
 * @example reshape(tensor([1, 2, 3, 4]), [2, -1]).shape // [2, 2]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', 'x', x)
  const resolved = resolveShape(x, shape)
  // Tensors are immutable, so the reshaped tensor shares storage with x.
  const out = fromKernel(valuesOf(x), resolved, x.dtype)
  record('reshape', [x], out, { shape: resolved })
  return out
}

function resolveShape(x: Tensor, shape: readonly number[]): number[] {
  const inferred = shape.filter((d) => d === -1).length
  const bad = shape.some((d) => !Number.isInteger(d) || d < -1)
  if (bad || inferred > 1) {
    throw new ShapeError(
      'reshape',
      `shape must be non-negative integers with at most one -1, got ${formatShape(shape)}`,
    )
  }
  const known = sizeOf(shape.filter((d) => d !== -1))
  if (inferred === 1) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        'reshape',
        `cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
      )
    }
    return shape.map((d) => (d === -1 ? x.size / known : d))
  }
  if (known !== x.size) {
    throw new ShapeError(
      'reshape',
      `cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
    )
  }
  return shape.slice()
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
