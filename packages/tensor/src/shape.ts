import { ShapeError, describe } from '@gradstream/core'

export type Shape = readonly number[]

/** Formats a shape as `[2, 3]`, never `2,3`, so `[2, 3]` and `[23]` cannot look alike. */
export function formatShape(shape: Shape): string {
  // A shape that failed its check may hold anything: strings print quoted, so ['2'] is not [2].
  return `[${shape.map((dim: unknown) => (typeof dim === 'number' ? String(dim) : describe(dim))).join(', ')}]`
}

/** Number of elements of a shape; 1 for a scalar. */
export function sizeOf(shape: Shape): number {
  // An indexed loop: for...of builds an iterator where the engine does not inline it, and every op calls this.
  let size = 1
  for (let axis = 0; axis < shape.length; axis++) size *= shape[axis]!
  return size
}

/** Row-major strides: the distance in elements between neighbours along each axis. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length)
  let stride = 1
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride
    stride *= shape[axis]!
  }
  return strides
}

/**
 * The most elements a tensor may have: 2³¹ − 1. Kernels index storage with
 * 32-bit integers and the WebAssembly heap is 32-bit, and every engine's typed
 * arrays hold at least this many elements (a float64 tensor this large is 16
 * GiB, so memory runs out first on most machines). Sizes above it are refused
 * with a ShapeError before anything is allocated.
 * @example MAX_ELEMENTS // 2147483647
 */
export const MAX_ELEMENTS = 2 ** 31 - 1

/**
 * Throws a ShapeError naming `op` and the shape unless a tensor of `shape`
 * has at most {@link MAX_ELEMENTS} elements. Call it on an output shape
 * before allocating its storage.
 * @example checkElementCount('zeros', [1e5, 1e5]) // ShapeError: zeros: shape [100000, 100000] has 10000000000 elements, more than a tensor can hold (2147483647)
 */
export function checkElementCount(op: string, shape: Shape): void {
  const size = sizeOf(shape)
  if (size > MAX_ELEMENTS) {
    throw new ShapeError(
      op,
      `shape ${formatShape(shape)} has ${size} elements, more than a tensor can hold (${MAX_ELEMENTS})`,
    )
  }
}

/** Throws unless `shape` is an array of non-negative integer dimensions of at most {@link MAX_ELEMENTS} elements. */
export function checkShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape)) throw new ShapeError(op, `shape must be an array of dimensions, got ${describe(shape)}`)
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(op, `dimensions must be non-negative integers, got ${formatShape(shape)}`)
    }
  }
  checkElementCount(op, shape)
}

/**
 * Whether two shapes have the same dimensions.
 * @example shapesEqual([2, 3], tensor([[1, 2, 3], [4, 5, 6]]).shape) // true
 */
export function shapesEqual(a: Shape, b: Shape): boolean {
  // Shapes are often the very same shared frozen array; a plain loop otherwise.
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** numpy broadcasting: align trailing axes; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  // Most operands share one frozen shape (or are equal); indexes stay in bounds, as reading a[-1] is slow.
  if (shapesEqual(a, b)) return a
  // A scalar broadcasts to the other shape as it is: a tensor and a number, the commonest mixed pair.
  if (b.length === 0) return a
  if (a.length === 0) return b
  const rank = Math.max(a.length, b.length)
  const aLead = rank - a.length
  const bLead = rank - b.length
  const out = new Array<number>(rank)
  for (let i = 0; i < rank; i++) {
    const da = i < aLead ? 1 : a[i - aLead]!
    const db = i < bLead ? 1 : b[i - bLead]!
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(op, `shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`)
    }
    out[i] = da === 1 ? db : da
  }
  return out
}

/** Resolves a possibly negative axis against `rank`, or throws naming the axis and the rank. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(op, `axis ${describe(axis)} is out of range for a tensor of rank ${rank}`)
  }
  return axis < 0 ? axis + rank : axis
}

/**
 * Resolves where a new axis goes among the `rank` axes of a tensor (-rank - 1 to rank,
 * negative counting from the end of the new shape), or throws naming the axis, the range and the rank.
 */
export function normalizeNewAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank - 1 || axis > rank) {
    throw new ShapeError(
      op,
      `axis ${describe(axis)} is out of range [${-rank - 1}, ${rank}] for a new axis in a tensor of rank ${rank}`,
    )
  }
  return axis < 0 ? axis + rank + 1 : axis
}

/** Resolves `axis` (undefined = all axes, a number, or a list) to sorted, distinct, non-negative axes. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined, rank: number): number[] {
  // Plain loops: reductions call this on every op, mostly with a single axis or none.
  if (axis === undefined) {
    const all = new Array<number>(rank)
    for (let i = 0; i < rank; i++) all[i] = i
    return all
  }
  if (typeof axis === 'number') return [normalizeAxis(op, axis, rank)]
  if (!Array.isArray(axis)) {
    throw new ShapeError(op, `axis must be an integer, an array of integers or undefined, got ${describe(axis)}`)
  }
  const axes = axis.map((a) => normalizeAxis(op, a, rank)).sort((x, y) => x - y)
  for (let i = 1; i < axes.length; i++) {
    if (axes[i] === axes[i - 1]) throw new ShapeError(op, `axes ${formatShape(axis)} repeat an axis`)
  }
  return axes
}
