import { ConfigError, ShapeError, checkInteger, describe } from '@gradstream/core'
import { formatShape } from '../shape'

/** TF's StridedSlice masks: bit i of each applies to entry i of begin, end and strides. */
export interface StridedSliceOptions {
  /** Entries whose begin is ignored: the slice starts at the first element (the last for a negative stride). */
  readonly beginMask?: number
  /** Entries whose end is ignored: the slice runs to the end (the start for a negative stride). */
  readonly endMask?: number
  /** The one entry that stands for as many whole axes as the other entries leave (numpy's `...`). */
  readonly ellipsisMask?: number
  /** Entries that insert a new axis of length 1 (numpy's `None`); their begin, end and stride are ignored. */
  readonly newAxisMask?: number
  /** Entries that pick the single index `begin` and drop the axis (numpy's `x[2]`). */
  readonly shrinkAxisMask?: number
}

export const STRIDED_SLICE_OPTIONS = ['beginMask', 'endMask', 'ellipsisMask', 'newAxisMask', 'shrinkAxisMask'] as const

/** A strided slice resolved against x's shape: one entry per axis of x, then the shape to give the result. */
export interface ResolvedStridedSlice {
  /** The first index read on each axis of x. */
  readonly begin: number[]
  /** The step on each axis of x (negative: backwards). */
  readonly strides: number[]
  /** How many elements are read on each axis of x. */
  readonly size: number[]
  /** The result's shape: size with shrunk axes dropped and new axes inserted. */
  readonly shape: number[]
}

const FN = 'stridedSlice'
const NEW_AXIS = -1
const SHRUNK_AXIS = -2

const bit = (mask: number, i: number) => (mask & (1 << i)) !== 0

function checkSpecList(name: string, list: unknown, length?: number): asserts list is readonly number[] {
  if (!Array.isArray(list) || !list.every((v: unknown) => Number.isInteger(v))) {
    throw new ShapeError(
      FN,
      `${name} must be an array of integers, got ${Array.isArray(list) ? formatShape(list) : describe(list)}`,
    )
  }
  if (length !== undefined && list.length !== length) {
    throw new ShapeError(
      FN,
      `begin, end and strides must have the same length, got ${length} and ${name} ${formatShape(list)}`,
    )
  }
}

function checkMasks(options: StridedSliceOptions, length: number): Required<StridedSliceOptions> {
  const masks = { beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0, ...options }
  for (const name of STRIDED_SLICE_OPTIONS) {
    const mask = masks[name]
    checkInteger(FN, name, mask, 0, 2 ** 31 - 1)
    if (mask >= 2 ** length) {
      throw new ConfigError(FN, `${name} ${mask} sets a bit past the ${length} entries of begin`)
    }
  }
  if ((masks.ellipsisMask & (masks.ellipsisMask - 1)) !== 0) {
    throw new ConfigError(FN, `ellipsisMask may set one bit only, got ${masks.ellipsisMask}`)
  }
  return masks
}

/** Entry i's axis range, as TF's canonical(): masked ends go to the far end, others are clamped. */
function canonical(value: number, masked: boolean, dim: number, stride: number, isEnd: boolean): number {
  const low = stride > 0 ? 0 : -1
  const high = stride > 0 ? dim : dim - 1
  if (masked) return stride > 0 === isEnd ? high : low
  const forward = value < 0 ? dim + value : value
  return Math.min(Math.max(forward, low), high)
}

/**
 * Resolves a strided slice spec against `shape` as TF1's ValidateStridedSliceOp does: the sparse
 * spec (with its ellipsis, or one implied at the end) becomes one begin, stride and size per axis.
 */
export function resolveStridedSlice(
  shape: readonly number[],
  begin: unknown,
  end: unknown,
  strides: unknown,
  options: StridedSliceOptions,
): ResolvedStridedSlice {
  checkSpecList('begin', begin)
  checkSpecList('end', end, begin.length)
  const steps = strides ?? begin.map(() => 1)
  checkSpecList('strides', steps, begin.length)
  if (steps.includes(0)) throw new ConfigError(FN, `strides must be non-zero, got ${formatShape(steps)}`)
  const masks = checkMasks(options, begin.length)
  // With no ellipsis, one is implied after the last entry: the axes left over are taken whole.
  const entries = masks.ellipsisMask === 0 ? begin.length + 1 : begin.length
  const ellipsis = masks.ellipsisMask === 0 ? begin.length : Math.log2(masks.ellipsisMask)
  let newAxesAfterEllipsis = 0
  for (let i = ellipsis + 1; i < begin.length; i++) if (bit(masks.newAxisMask, i)) newAxesAfterEllipsis++
  const rank = shape.length
  const resolved: ResolvedStridedSlice = { begin: [], strides: [], size: [], shape: [] }
  const layout: number[] = [] // per result axis: an axis of x, NEW_AXIS or SHRUNK_AXIS
  let axis = 0
  for (let i = 0; i < entries; i++) {
    if (i === ellipsis) {
      const last = Math.min(rank - (entries - i) + 1 + newAxesAfterEllipsis, rank)
      for (; axis < last; axis++) {
        layout.push(axis)
        resolved.begin.push(0)
        resolved.strides.push(1)
        resolved.size.push(shape[axis]!)
      }
    } else if (bit(masks.newAxisMask, i)) {
      layout.push(NEW_AXIS)
    } else {
      if (axis === rank) {
        throw new ShapeError(
          FN,
          `the spec picks more axes than x ${formatShape(shape)} has (begin ${formatShape(begin)})`,
        )
      }
      const [first, size] = resolveEntry(axis, shape[axis]!, begin[i]!, end[i]!, steps[i]!, i, masks)
      layout.push(bit(masks.shrinkAxisMask, i) ? SHRUNK_AXIS : axis)
      resolved.begin.push(first)
      resolved.strides.push(steps[i]!)
      resolved.size.push(size)
      axis++
    }
  }
  for (const a of layout) if (a !== SHRUNK_AXIS) resolved.shape.push(a === NEW_AXIS ? 1 : resolved.size[a]!)
  return resolved
}

/** The first index and the count read on `axis` (of length `dim`) for spec entry `i`. */
function resolveEntry(
  axis: number,
  dim: number,
  begin: number,
  end: number,
  stride: number,
  i: number,
  masks: Required<StridedSliceOptions>,
): [first: number, size: number] {
  if (bit(masks.shrinkAxisMask, i)) {
    if (stride < 0) throw new ConfigError(FN, `a shrunk axis takes a positive stride, got ${stride} at entry ${i}`)
    const index = begin < 0 ? dim + begin : begin
    if (index < 0 || index >= dim) {
      throw new ShapeError(FN, `index ${begin} is out of range for axis ${axis} of length ${dim}`)
    }
    return [index, 1]
  }
  const first = canonical(begin, bit(masks.beginMask, i), dim, stride, false)
  const stop = canonical(end, bit(masks.endMask, i), dim, stride, true)
  const interval = stop - first
  const size = interval === 0 || interval < 0 !== stride < 0 ? 0 : Math.ceil(interval / stride)
  return [first, size]
}
