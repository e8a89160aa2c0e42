import type { DType } from '../dtype'
import { DTypeError, ShapeError } from '../errors'
import { range, scalar } from '../creation'
import type { Tensor } from '../tensor'
import { add } from './arithmetic'
import { equal } from './comparison'
import { checkTensor, checkTensorList } from './convert'
import { expandDims } from './reshape'
import { where } from './where'

/**
 * Adds same-shaped tensors, left to right.
 * @example addN([tensor([1]), tensor([2]), tensor([3])]).toArray() // [6]
 */
export function addN(tensors: readonly Tensor[]): Tensor {
  checkTensorList('addN', tensors)
  const first = tensors[0]!
  tensors.forEach((t, i) => {
    if (t.dtype !== first.dtype) {
      throw new DTypeError('addN', `dtypes differ: tensors[0] is ${first.dtype}, tensors[${i}] is ${t.dtype}`)
    }
    if (t.shape.length !== first.shape.length || t.shape.some((d, a) => d !== first.shape[a])) {
      throw new ShapeError(
        'addN',
        `shapes differ: tensors[0] is [${first.shape.join(', ')}], tensors[${i}] is [${t.shape.join(', ')}]`,
      )
    }
  })
  return tensors.slice(1).reduce((total, t) => add(total, t), first)
}

/**
 * One-hot rows: `indices` (int32) of shape S become a tensor of shape [...S, depth].
 * @example oneHot(tensor([1, 0], undefined, 'int32'), 2).toArray() // [[0, 1], [1, 0]]
 */
export function oneHot(indices: Tensor, depth: number, onValue = 1, offValue = 0, dtype: DType = 'float32'): Tensor {
  checkTensor('oneHot', 'indices', indices)
  if (indices.dtype !== 'int32') throw new DTypeError('oneHot', `indices must have dtype int32, got ${indices.dtype}`)
  if (!Number.isInteger(depth) || depth < 1)
    throw new ShapeError('oneHot', `depth must be a positive integer, got ${depth}`)
  const hits = equal(expandDims(indices, -1), range(0, depth, 1, 'int32'))
  return where(hits, scalar(onValue, dtype), scalar(offValue, dtype))
}
