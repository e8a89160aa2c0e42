import { ShapeError, checkOneOf, describe } from '@gradstream/core'
import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { checkElementCount, formatShape, sizeOf, stridesOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import type { MirrorPadMode } from '../primitives'
import { record } from '../tracer'
import { NUMERIC, checkDTypeIn, checkTensor } from './argumentChecks'

/** `[before, after]` for each axis. */
export type Paddings = readonly (readonly [number, number])[]

const MODES: readonly MirrorPadMode[] = ['REFLECT', 'SYMMETRIC']

function isPair(p: unknown): boolean {
  return Array.isArray(p) && p.length === 2 && p.every((v: unknown) => Number.isInteger(v) && (v as number) >= 0)
}

/** Throws unless `paddings` holds one pair of non-negative integers per axis of `shape` (pad's wording). */
export function checkPaddings(op: string, paddings: unknown, shape: readonly number[]): asserts paddings is Paddings {
  if (!Array.isArray(paddings) || paddings.length !== shape.length || !paddings.every(isPair)) {
    throw new ShapeError(
      op,
      `paddings must be ${shape.length} pairs of non-negative integers for shape ${formatShape(shape)}, got ${Array.isArray(paddings) ? JSON.stringify(paddings) : describe(paddings)}`,
    )
  }
}

/** Throws unless each padding fits the mirror of its axis in `shape` (the unpadded shape). */
function checkMirrorFits(op: string, paddings: Paddings, shape: readonly number[], mode: MirrorPadMode): void {
  shape.forEach((d, axis) => {
    const most = mode === 'REFLECT' ? d - 1 : d
    const [before, after] = paddings[axis]!
    if (before > most || after > most) {
      throw new ShapeError(
        op,
        `paddings on axis ${axis} must be at most ${most} for mode '${mode}' on shape ${formatShape(shape)}, got [${before}, ${after}]`,
      )
    }
  })
}

/** For each position along a padded axis, the position of the unpadded axis it copies. */
function mirrorSources(length: number, before: number, after: number, mode: MirrorPadMode): Int32Array {
  const sources = new Int32Array(before + length + after)
  const edge = mode === 'REFLECT' ? 0 : 1
  for (let o = 0; o < sources.length; o++) {
    const i = o - before
    sources[o] = i < 0 ? -i - edge : i >= length ? 2 * length - 2 + edge - i : i
  }
  return sources
}

/** mirrorPad's work once its arguments are checked, for `pad` to share under its own name. */
export function mirrorPadChecked(op: string, x: Tensor, paddings: Paddings, mode: MirrorPadMode): Tensor {
  checkMirrorFits(op, paddings, x.shape, mode)
  const shape = x.shape.map((d, a) => d + paddings[a]![0] + paddings[a]![1])
  checkElementCount(op, shape)
  const sources = x.shape.map((d, a) => mirrorSources(d, paddings[a]![0], paddings[a]![1], mode))
  const strides = stridesOf(x.shape)
  const input = valuesOf(x)
  const values = allocate(x.dtype, sizeOf(shape))
  const counter = new Array<number>(shape.length).fill(0)
  for (let i = 0; i < values.length; i++) {
    let offset = 0
    for (let axis = 0; axis < shape.length; axis++) offset += sources[axis]![counter[axis]!]! * strides[axis]!
    values[i] = input[offset]!
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++counter[axis]! < shape[axis]!) break
      counter[axis] = 0
    }
  }
  const out = fromKernel(values, shape, x.dtype)
  record('mirrorPad', [x], out, { paddings: paddings.map((p) => [p[0], p[1]] as const), mode })
  return out
}

/**
 * Pads each axis with a mirror image of `x`: TF's MirrorPad. `paddings[axis]` is `[before, after]`.
 * REFLECT mirrors about the edge element (`[1, 2, 3]` padded by 2 on each side is `[3, 2, 1, 2, 3, 2, 1]`),
 * so each padding is at most the axis length less 1; SYMMETRIC repeats the edge (`[2, 1, 1, 2, 3, 3, 2]`),
 * so each padding is at most the axis length. Any dtype.
 * @example mirrorPad(tensor([1, 2, 3]), [[2, 2]], 'REFLECT').toArray() // [3, 2, 1, 2, 3, 2, 1]
 */
export function mirrorPad(x: Tensor, paddings: Paddings, mode: MirrorPadMode): Tensor {
  checkTensor('mirrorPad', 'x', x)
  checkPaddings('mirrorPad', paddings, x.shape)
  checkOneOf('mirrorPad', 'mode', mode, MODES)
  return mirrorPadChecked('mirrorPad', x, paddings, mode)
}

/** Adds the padded positions of `axis` onto the ones they mirror, leaving that axis unpadded. */
function foldAxis(
  values: TypedArray,
  dtype: DType,
  shape: readonly number[],
  axis: number,
  [before, after]: readonly [number, number],
  mode: MirrorPadMode,
): TypedArray {
  const padded = shape[axis]!
  const length = padded - before - after
  const outer = sizeOf(shape.slice(0, axis))
  const inner = sizeOf(shape.slice(axis + 1))
  const sources = mirrorSources(length, before, after, mode)
  const folded = allocate(dtype, outer * length * inner)
  const addOnto = (o: number, p: number) => {
    const to = (o * length + sources[p]!) * inner
    const from = (o * padded + p) * inner
    for (let j = 0; j < inner; j++) folded[to + j] = folded[to + j]! + values[from + j]!
  }
  for (let o = 0; o < outer; o++) {
    // The interior first, then the padding before, then the padding after.
    folded.set(
      values.subarray((o * padded + before) * inner, (o * padded + before + length) * inner),
      o * length * inner,
    )
    for (let p = 0; p < before; p++) addOnto(o, p)
    for (let p = before + length; p < padded; p++) addOnto(o, p)
  }
  return folded
}

/**
 * mirrorPad's gradient, TF's MirrorPadGrad: each element of `dy` (the padded shape) is added onto the
 * element of the unpadded shape it was copied from. Sums run one axis at a time, axis 0 first, and on
 * each axis the interior, then the padding before, then the padding after; TF1's Eigen kernel also folds
 * axis by axis (the order within an axis is believed to match, not confirmed).
 * @example mirrorPadGrad(tensor([1, 1, 1, 1, 1]), [[2, 0]], 'REFLECT').toArray() // [1, 2, 2]
 */
export function mirrorPadGrad(dy: Tensor, paddings: Paddings, mode: MirrorPadMode): Tensor {
  checkTensor('mirrorPadGrad', 'dy', dy)
  checkDTypeIn('mirrorPadGrad', 'dy', dy, NUMERIC)
  checkPaddings('mirrorPadGrad', paddings, dy.shape)
  checkOneOf('mirrorPadGrad', 'mode', mode, MODES)
  const shape = dy.shape.map((d, a) => d - paddings[a]![0] - paddings[a]![1])
  if (shape.some((d) => d < 0)) {
    throw new ShapeError(
      'mirrorPadGrad',
      `paddings ${JSON.stringify(paddings)} are longer than dy ${formatShape(dy.shape)}`,
    )
  }
  checkMirrorFits('mirrorPadGrad', paddings, shape, mode)
  let values = valuesOf(dy)
  const current = dy.shape.slice()
  paddings.forEach((pair, axis) => {
    if (pair[0] === 0 && pair[1] === 0) return
    values = foldAxis(values, dy.dtype, current, axis, pair, mode)
    current[axis] = shape[axis]!
  })
  // With no padding at all the result shares dy's storage, which is safe: tensors never change.
  const out = fromKernel(values, shape, dy.dtype)
  record('mirrorPadGrad', [dy], out, { paddings: paddings.map((p) => [p[0], p[1]] as const), mode })
  return out
}
