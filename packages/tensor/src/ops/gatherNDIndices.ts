import { ShapeError } from '@gradstream/core'
import { formatShape, sizeOf, stridesOf } from '../shape'
import { valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { checkDTypeIn, checkTensor } from './argumentChecks'

const INT32 = ['int32'] as const

/** Where the index tuples of gatherND's and scatterND's `indices` [..., depth] land in a tensor. */
export interface IndexedSlices {
  /** The length of each index tuple: how many leading axes of the target it picks. */
  readonly depth: number
  /** The number of index tuples: the size of indices.shape without its last axis. */
  readonly count: number
  /** The number of elements in each picked slice: the size of the target shape after `depth` axes. */
  readonly sliceSize: number
  /** For each tuple, its row-major position in slices of `sliceSize`. */
  readonly offsets: Int32Array
}

/** `[1, 0]` for position 2 of a batch of shape [2, 2]: the multi-index of an index tuple, for messages. */
function tuplePosition(batchShape: readonly number[], position: number): string {
  const strides = stridesOf(batchShape)
  return formatShape(strides.map((stride, axis) => Math.floor(position / stride) % batchShape[axis]!))
}

/**
 * Checks `indices` (int32, rank >= 1, last axis no longer than the target's rank, every tuple inside
 * `shape`: TF's CPU kernels refuse an index out of range) and resolves each tuple to a slice offset.
 * `target` names the shape in messages: `x [2, 3]`, `shape [4]`.
 */
export function indexedSlices(op: string, indices: Tensor, shape: readonly number[], target: string): IndexedSlices {
  checkTensor(op, 'indices', indices)
  checkDTypeIn(op, 'indices', indices, INT32)
  if (indices.rank === 0) throw new ShapeError(op, 'indices must have rank at least 1, got shape []')
  const depth = indices.shape[indices.rank - 1]!
  if (depth > shape.length) {
    throw new ShapeError(
      op,
      `indices ${formatShape(indices.shape)} pick ${depth} axes, more than the rank ${shape.length} of ${target} ${formatShape(shape)}`,
    )
  }
  const batchShape = indices.shape.slice(0, -1)
  const count = sizeOf(batchShape)
  const strides = stridesOf(shape.slice(0, depth))
  const ids = valuesOf(indices)
  const offsets = new Int32Array(count)
  for (let t = 0; t < count; t++) {
    let offset = 0
    for (let a = 0; a < depth; a++) {
      const i = ids[t * depth + a]!
      if (i < 0 || i >= shape[a]!) {
        const tuple = formatShape(Array.from(ids.subarray(t * depth, (t + 1) * depth)))
        throw new ShapeError(
          op,
          `indices${tuplePosition(batchShape, t)} = ${tuple} does not index into ${target} ${formatShape(shape)}`,
        )
      }
      offset += i * strides[a]!
    }
    offsets[t] = offset
  }
  return { depth, count, sliceSize: sizeOf(shape.slice(depth)), offsets }
}
