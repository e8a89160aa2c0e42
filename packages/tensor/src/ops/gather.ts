import { allocate } from '../dtype'
import { DTypeError, ShapeError, describe } from '@gradstream/core'
import { checkElementCount, formatShape, normalizeAxis, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkDTypeIn, checkTensor, NUMERIC } from './argumentChecks'

function checkIndices(op: string, name: string, indices: Tensor, limit: number): void {
  checkTensor(op, name, indices)
  if (indices.dtype !== 'int32') throw new DTypeError(op, `${name} must have dtype int32, got ${indices.dtype}`)
  for (const index of valuesOf(indices)) {
    if (index < 0 || index >= limit) throw new ShapeError(op, `${name} holds ${index}, outside [0, ${limit})`)
  }
}

/**
 * Picks slices of `x` along `axis` at `indices` (int32); the indexed axis is
 * replaced by the indices' shape.
 * @example gather(tensor([10, 20, 30]), tensor([2, 0], undefined, 'int32')).toArray() // [30, 10]
 */
export function gather(x: Tensor, indices: Tensor, axis = 0): Tensor {
  checkTensor('gather', 'x', x)
  const resolved = normalizeAxis('gather', axis, x.rank)
  checkIndices('gather', 'indices', indices, x.shape[resolved]!)
  const shape = [...x.shape.slice(0, resolved), ...indices.shape, ...x.shape.slice(resolved + 1)]
  checkElementCount('gather', shape)
  const outer = sizeOf(x.shape.slice(0, resolved))
  const length = x.shape[resolved]!
  const inner = sizeOf(x.shape.slice(resolved + 1))
  const ids = valuesOf(indices)
  const input = valuesOf(x)
  const values = allocate(x.dtype, outer * ids.length * inner)
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < ids.length; i++) {
      const from = (o * length + ids[i]!) * inner
      values.set(input.subarray(from, from + inner), (o * ids.length + i) * inner)
    }
  }
  const out = fromKernel(values, shape, x.dtype)
  record('gather', [x, indices], out, { axis: resolved })
  return out
}

/**
 * Sums slices of `x` into `numSegments` rows: row `segmentIds[i]` of the
 * output gets slice i (along `axis`) added in. The inverse of `gather`.
 * @example unsortedSegmentSum(tensor([1, 2, 3]), tensor([0, 1, 0], undefined, 'int32'), 2).toArray() // [4, 2]
 */
export function unsortedSegmentSum(x: Tensor, segmentIds: Tensor, numSegments: number, axis = 0): Tensor {
  checkTensor('unsortedSegmentSum', 'x', x)
  checkDTypeIn('unsortedSegmentSum', 'x', x, NUMERIC)
  const resolved = normalizeAxis('unsortedSegmentSum', axis, x.rank)
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new ShapeError(
      'unsortedSegmentSum',
      `numSegments must be a non-negative integer, got ${describe(numSegments)}`,
    )
  }
  checkIndices('unsortedSegmentSum', 'segmentIds', segmentIds, numSegments)
  const idShape = segmentIds.shape
  const fits = idShape.every((d, i) => d === x.shape[resolved + i])
  if (!fits || resolved + idShape.length > x.rank) {
    throw new ShapeError(
      'unsortedSegmentSum',
      `segmentIds ${formatShape(idShape)} does not match x ${formatShape(x.shape)} at axis ${resolved}`,
    )
  }
  const shape = [...x.shape.slice(0, resolved), numSegments, ...x.shape.slice(resolved + idShape.length)]
  checkElementCount('unsortedSegmentSum', shape)
  const outer = sizeOf(x.shape.slice(0, resolved))
  const count = sizeOf(idShape)
  const inner = sizeOf(x.shape.slice(resolved + idShape.length))
  const ids = valuesOf(segmentIds)
  const input = valuesOf(x)
  const values = allocate(x.dtype, outer * numSegments * inner)
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      const to = (o * numSegments + ids[i]!) * inner
      const from = (o * count + i) * inner
      for (let j = 0; j < inner; j++) values[to + j] = values[to + j]! + input[from + j]!
    }
  }
  const out = fromKernel(values, shape, x.dtype)
  record('unsortedSegmentSum', [x, segmentIds], out, { axis: resolved, numSegments })
  return out
}
