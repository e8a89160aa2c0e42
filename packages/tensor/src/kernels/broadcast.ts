import { sizeOf, stridesOf } from '../shape'
import type { Shape } from '../shape'

/**
 * For each flat index of `outShape`, the flat index of the element of an
 * input of `inShape` that broadcasting maps there. Axes of size 1 (or missing
 * leading axes) get stride 0.
 */
export function broadcastIndexMap(inShape: Shape, outShape: Shape): Int32Array {
  const rank = outShape.length
  const inStrides = stridesOf(inShape)
  const strides = new Array<number>(rank)
  for (let axis = 0; axis < rank; axis++) {
    const inAxis = axis - (rank - inShape.length)
    strides[axis] = inAxis < 0 || inShape[inAxis] === 1 ? 0 : inStrides[inAxis]!
  }
  const size = sizeOf(outShape)
  const map = new Int32Array(size)
  const counter = new Array<number>(rank).fill(0)
  let offset = 0
  for (let i = 0; i < size; i++) {
    map[i] = offset
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]!++
      offset += strides[axis]!
      if (counter[axis]! < outShape[axis]!) break
      offset -= strides[axis]! * counter[axis]!
      counter[axis] = 0
    }
  }
  return map
}

/** How `inShape` relates to `outShape` under broadcasting, for choosing a fast loop. */
export type BroadcastKind = 'same' | 'scalar' | 'row' | 'general'

export function broadcastKind(inShape: Shape, outShape: Shape): BroadcastKind {
  const inSize = sizeOf(inShape)
  if (inSize === sizeOf(outShape) && inShape.length <= outShape.length) {
    const offset = outShape.length - inShape.length
    if (inShape.every((d, i) => d === outShape[i + offset])) return 'same'
  }
  if (inSize === 1) return 'scalar'
  const last = outShape[outShape.length - 1]
  const trimmed = inShape.slice(inShape.findIndex((d) => d !== 1))
  if (trimmed.length === 1 && trimmed[0] === last) return 'row'
  return 'general'
}
