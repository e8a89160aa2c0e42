import { allocate } from '../dtype'
import { checkElementCount } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { NO_ATTRS } from '../primitives'
import { record } from '../tracer'
import { checkTensor } from './argumentChecks'
import { indexedSlices } from './gatherNDIndices'

/**
 * TF's gather_nd: each index tuple along the last axis of `indices` (int32, shape [..., depth])
 * picks an element (depth = rank of x) or a slice (depth < rank) of `x`. The result has shape
 * `indices.shape[:-1] + x.shape[depth:]`. An index outside x is refused with a ShapeError, as TF's
 * CPU kernel refuses it. The gradient scatters the cotangent back with {@link scatterND}, adding
 * where a tuple repeats.
 * @example gatherND(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [0, 1]], undefined, 'int32')).toArray() // [3, 2]
 */
export function gatherND(x: Tensor, indices: Tensor): Tensor {
  checkTensor('gatherND', 'x', x)
  const { depth, count, sliceSize, offsets } = indexedSlices('gatherND', indices, x.shape, 'x')
  const shape = [...indices.shape.slice(0, -1), ...x.shape.slice(depth)]
  checkElementCount('gatherND', shape)
  const input = valuesOf(x)
  const values = allocate(x.dtype, count * sliceSize)
  for (let t = 0; t < count; t++) {
    const from = offsets[t]! * sliceSize
    values.set(input.subarray(from, from + sliceSize), t * sliceSize)
  }
  const out = fromKernel(values, shape, x.dtype)
  record('gatherND', [x, indices], out, NO_ATTRS)
  return out
}
