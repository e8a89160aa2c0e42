import { ShapeError } from '@gradstream/core'
import { allocate } from '../dtype'
import { checkShape, formatShape, shapesEqual, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { NUMERIC, checkDTypeIn, checkTensor } from './argumentChecks'
import { indexedSlices } from './gatherNDIndices'

/**
 * TF's scatter_nd: a tensor of `shape`, zero except where the index tuples of `indices` (int32,
 * shape [..., depth]) point, which get the matching element or slice of `updates` (shape
 * `indices.shape[:-1] + shape[depth:]`). Tuples that repeat add up, in the order they come, as TF's
 * CPU kernel adds them (float32 sums round after each addition). An index outside `shape` is refused
 * with a ShapeError. The gradient of `updates` is {@link gatherND} of the cotangent.
 * @example scatterND(tensor([[1], [0], [1]], undefined, 'int32'), tensor([5, 6, 7]), [3]).toArray() // [6, 12, 0]
 */
export function scatterND(indices: Tensor, updates: Tensor, shape: readonly number[]): Tensor {
  checkTensor('scatterND', 'updates', updates)
  checkDTypeIn('scatterND', 'updates', updates, NUMERIC)
  checkShape('scatterND', shape)
  checkTensor('scatterND', 'indices', indices)
  const depth = indices.rank === 0 ? 0 : indices.shape[indices.rank - 1]!
  const expected = [...indices.shape.slice(0, -1), ...shape.slice(depth)]
  if (indices.rank > 0 && depth <= shape.length && !shapesEqual(updates.shape, expected)) {
    throw new ShapeError(
      'scatterND',
      `updates must have shape ${formatShape(expected)} (indices ${formatShape(indices.shape)} without its last axis, then shape ${formatShape(shape)} from axis ${depth}), got ${formatShape(updates.shape)}`,
    )
  }
  const { count, sliceSize, offsets } = indexedSlices('scatterND', indices, shape, 'shape')
  const input = valuesOf(updates)
  const values = allocate(updates.dtype, sizeOf(shape))
  for (let t = 0; t < count; t++) {
    const to = offsets[t]! * sliceSize
    for (let j = 0; j < sliceSize; j++) values[to + j] = values[to + j]! + input[t * sliceSize + j]!
  }
  const out = fromKernel(values, shape.slice(), updates.dtype)
  record('scatterND', [indices, updates], out, { shape: out.shape })
  return out
}
