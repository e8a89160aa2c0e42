import { sizeOf, stridesOf } from '../shape'
import type { Shape } from '../shape'

/**
 * For each flat index of `outShape`, the flat index of the element of an
 * input of `inShape` that broadcasting maps there. Axes of size 1 (or missing
 * leading axes) get stride 0.
 */
export function broadcastIndexMap(inShape: Shape, outShape: Shape): Int32Array {
  return stridedIndexMap(outShape, broadcastStrides(inShape, outShape))
}

/**
 * For each flat index of `outShape` in row-major order, the input offset
 * reached by stepping `strides[axis]` along each axis: the walk behind both
 * broadcasting and transposing.
 */
export function stridedIndexMap(outShape: Shape, strides: readonly number[]): Int32Array {
  const rank = outShape.length
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

/** True if an input of `x.length` elements has the layout of an output of `n` (as many elements) or repeats one. */
export function coversOrRepeats(x: { readonly length: number }, n: number): boolean {
  return x.length === n || x.length === 1
}

/** Per axis of `outShape`, the step through an input of `inShape` broadcast to it: 0 where it repeats. */
function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const rank = outShape.length
  const inStrides = stridesOf(inShape)
  const strides = new Array<number>(rank)
  for (let axis = 0; axis < rank; axis++) {
    const inAxis = axis - (rank - inShape.length)
    strides[axis] = inAxis < 0 || inShape[inAxis] === 1 ? 0 : inStrides[inAxis]!
  }
  return strides
}

/**
 * How to walk several inputs broadcast to one output as rows: axes of size 1
 * are dropped and neighbouring axes that every input walks contiguously are
 * merged, so `[2, 3] + [2, 3]` is one row of 6 and `[4, 3] + [3]` is 4 rows
 * of 3 with the second input starting each row at 0.
 */
export interface BroadcastRows {
  /** Output elements per row; the output is `rows` of them back to back. */
  readonly inner: number
  readonly rows: number
  /** For each input, its step along a row: 1, 0 (repeat) or larger. */
  readonly steps: readonly number[]
  /** For each input, where in it each row starts. */
  readonly starts: readonly Int32Array[]
}

export function broadcastRows(inShapes: readonly Shape[], outShape: Shape): BroadcastRows {
  const { dims, strides } = mergeAxes(inShapes, outShape)
  const rank = dims.length
  const inner = dims[rank - 1]!
  const rows = inner === 0 ? 0 : sizeOf(dims) / inner
  const starts = strides.map((s) => rowStarts(s, dims, rows))
  return { inner, rows, steps: strides.map((s) => s[rank - 1]!), starts }
}

/** Where each row starts in an input stepping `strides` along the merged `dims` (the last axis is the row). */
function rowStarts(strides: readonly number[], dims: readonly number[], rows: number): Int32Array {
  const starts = new Int32Array(rows)
  const rank = dims.length
  if (rank === 2) {
    for (let row = 1; row < rows; row++) starts[row] = starts[row - 1]! + strides[0]!
    return starts
  }
  const counter = new Array<number>(rank).fill(0)
  for (let row = 1, offset = 0; row < rows; row++) {
    for (let axis = rank - 2; axis >= 0; axis--) {
      offset += strides[axis]!
      if (++counter[axis]! < dims[axis]!) break
      offset -= strides[axis]! * dims[axis]!
      counter[axis] = 0
    }
    starts[row] = offset
  }
  return starts
}

/** The broadcast axes with sizes-1 dropped and contiguous neighbours merged, outermost first. */
function mergeAxes(inShapes: readonly Shape[], outShape: Shape) {
  const perInput = inShapes.map((shape) => broadcastStrides(shape, outShape))
  const dims: number[] = []
  const strides: number[][] = inShapes.map(() => [])
  for (let axis = outShape.length - 1; axis >= 0; axis--) {
    const dim = outShape[axis]!
    if (dim === 1) continue
    const last = dims.length - 1
    // Merge into the axis inside it when every input steps over that whole axis at once.
    if (last >= 0 && perInput.every((s, i) => s[axis] === strides[i]![last]! * dims[last]!)) {
      dims[last] = dims[last]! * dim
    } else {
      dims.push(dim)
      perInput.forEach((s, i) => strides[i]!.push(s[axis]!))
    }
  }
  if (dims.length === 0) return { dims: [1], strides: inShapes.map(() => [0]) }
  return { dims: dims.reverse(), strides: strides.map((s) => s.reverse()) }
}
