import { allocate } from '../dtype'
import { ShapeError } from '../errors'
import { broadcastShapes, checkShape, formatShape, shapesEqual, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { broadcastIndexMap } from '../kernels/broadcast'
import { checkTensor } from './argumentChecks'

/**
 * Repeats `x` along axes of length 1 (and new leading axes) to reach `shape`.
 * @example broadcastTo(tensor([1, 2]), [2, 2]).toArray() // [[1, 2], [1, 2]]
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('broadcastTo', 'x', x)
  checkShape('broadcastTo', shape)
  if (!shapesEqual(broadcastShapes('broadcastTo', x.shape, shape), shape)) {
    throw new ShapeError('broadcastTo', `cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`)
  }
  const input = valuesOf(x)
  const values = allocate(x.dtype, sizeOf(shape))
  if (input.length === 1) {
    // A scalar's cotangent spread over a reduced tensor: the common case, and no index map needed.
    values.fill(input[0]!)
  } else {
    const map = broadcastIndexMap(x.shape, shape)
    for (let i = 0; i < values.length; i++) values[i] = input[map[i]!]!
  }
  const out = fromKernel(values, shape, x.dtype)
  record('broadcastTo', [x], out, { shape: out.shape })
  return out
}
