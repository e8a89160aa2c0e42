import { checkDType } from '../dtype'
import type { DType } from '../dtype'
import { ConfigError, DTypeError, ShapeError, describe } from '@gradstream/core'
import { range, scalar } from '../creation'
import type { Tensor } from '../tensor'
import { add } from './arithmetic'
import { equal } from './comparison'
import { checkHolds, checkTensor, checkTensorList } from './argumentChecks'
import { expandDims } from './reshape'
import { checkElementCount, formatShape, shapesEqual } from '../shape'
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
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(
        'addN',
        `shapes differ: tensors[0] is ${formatShape(first.shape)}, tensors[${i}] is ${formatShape(t.shape)}`,
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
    throw new ShapeError('oneHot', `depth must be a positive integer, got ${describe(depth)}`)
  checkDType('oneHot', dtype)
  for (const [name, value] of [
    ['onValue', onValue],
    ['offValue', offValue],
  ] as const) {
    if (typeof value !== 'number') throw new ConfigError('oneHot', `${name} must be a number, got ${describe(value)}`)
    checkHolds('oneHot', name, value, dtype)
  }
  checkElementCount('oneHot', [...indices.shape, depth])
  const hits = equal(expandDims(indices, -1), range(0, depth, 1, 'int32'))
  return where(hits, scalar(onValue, dtype), scalar(offValue, dtype))
}
