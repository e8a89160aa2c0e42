import { allocate, roundTo } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { ConfigError, ShapeError, checkOneOf, checkOptions, describe } from '@gradstream/core'
import { checkElementCount, formatShape, sizeOf, stridesOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkHolds, checkTensor } from './argumentChecks'
import { checkPaddings, mirrorPadChecked } from './mirrorPad'
import type { Paddings } from './mirrorPad'
import type { MirrorPadMode } from '../primitives'

// Module-level predicates: slice runs for every batch of a training step, and
// closures made per call cost more than the loops they check.
function allNumbers(values: readonly unknown[]): boolean {
  for (const value of values) if (typeof value !== 'number') return false
  return true
}

/** Calls `visit(inputOffset, outputOffset)` for each element of a box of `shape` placed at `begin` in `outer`. */
function forEachInBox(
  outer: readonly number[],
  begin: readonly number[],
  shape: readonly number[],
  visit: (outerOffset: number, boxOffset: number) => void,
): void {
  const strides = stridesOf(outer)
  const n = sizeOf(shape)
  const counter = new Array<number>(shape.length).fill(0)
  for (let i = 0; i < n; i++) {
    let offset = 0
    for (let axis = 0; axis < shape.length; axis++) offset += (begin[axis]! + counter[axis]!) * strides[axis]!
    visit(offset, i)
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++counter[axis]! < shape[axis]!) break
      counter[axis] = 0
    }
  }
}

/**
 * Where a box of `shape` placed at `begin` in `outer` starts in row-major storage,
 * when its elements are one contiguous run (a range of rows, say); otherwise undefined.
 */
function contiguousBoxStart(
  outer: readonly number[],
  begin: readonly number[],
  shape: readonly number[],
): number | undefined {
  // Leading axes of size 1, then one axis taken in part, then axes taken whole.
  let axis = 0
  while (axis < shape.length - 1 && shape[axis] === 1) axis++
  for (let inner = axis + 1; inner < shape.length; inner++) {
    if (begin[inner] !== 0 || shape[inner] !== outer[inner]) return undefined
  }
  const strides = stridesOf(outer)
  let start = 0
  for (let a = 0; a < shape.length; a++) start += begin[a]! * strides[a]!
  return start
}

/** The elements of a box of `shape` at `begin` in `outer`, copied out of `input`: in one piece when contiguous. */
function copyBox(
  input: TypedArray,
  dtype: DType,
  outer: readonly number[],
  begin: readonly number[],
  shape: readonly number[],
): TypedArray {
  const n = sizeOf(shape)
  const start = contiguousBoxStart(outer, begin, shape)
  if (start !== undefined) return input.slice(start, start + n)
  const values = allocate(dtype, n)
  forEachInBox(outer, begin, shape, (inOffset, outOffset) => {
    values[outOffset] = input[inOffset]!
  })
  return values
}

/**
 * The box of `size` starting at `begin`; a size of -1 takes the rest of that axis (as TF).
 * A negative begin counts from the end of its axis, as numpy does: -1 is the last element.
 * (TF's Slice refuses negative begins; gradstream reads them as numpy's `x[-2:]` would.)
 * @example slice(tensor([1, 2, 3, 4]), [-3], [2]).toArray() // [2, 3]
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  checkTensor('slice', 'x', x)
  if (!Array.isArray(begin) || (size !== undefined && !Array.isArray(size))) {
    throw new ShapeError('slice', `begin and size must be arrays, got begin ${describe(begin)}, size ${describe(size)}`)
  }
  if (begin.length !== x.rank || (size !== undefined && size.length !== x.rank)) {
    throw new ShapeError(
      'slice',
      `begin and size need ${x.rank} entries for shape ${formatShape(x.shape)}, got begin ${formatShape(begin)}${size ? `, size ${formatShape(size)}` : ''}`,
    )
  }
  if (!allNumbers(begin) || (size !== undefined && !allNumbers(size))) {
    throw new ShapeError(
      'slice',
      `begin and size must hold numbers, got begin ${formatShape(begin)}${size ? `, size ${formatShape(size)}` : ''}`,
    )
  }
  const start = x.shape.map((d, a) => (begin[a]! < 0 ? begin[a]! + d : begin[a]!))
  const resolved = x.shape.map((d, a) => {
    const s = size?.[a] ?? -1
    return s === -1 ? d - start[a]! : s
  })
  x.shape.forEach((d, a) => {
    const b = start[a]!
    const s = resolved[a]!
    if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > d) {
      throw new ShapeError(
        'slice',
        `box begin ${formatShape(begin)} size ${formatShape(resolved)} does not fit in ${formatShape(x.shape)}`,
      )
    }
  })
  const values = copyBox(valuesOf(x), x.dtype, x.shape, start, resolved)
  const out = fromKernel(values, resolved, x.dtype)
  record('slice', [x], out, { begin: start, size: resolved })
  return out
}

/** tf.pad's modes: a constant, or a mirror image of x (see {@link mirrorPad}). */
export type PadMode = 'CONSTANT' | MirrorPadMode

export interface PadOptions {
  /** 'CONSTANT' (the default), 'REFLECT' or 'SYMMETRIC', as tf.pad. */
  readonly mode?: PadMode
  /** The value padded in with mode 'CONSTANT'; 0 by default. */
  readonly constantValue?: number
}

const PAD_MODES: readonly PadMode[] = ['CONSTANT', 'REFLECT', 'SYMMETRIC']
const PAD_OPTIONS = ['mode', 'constantValue']

/** The mode and constant of pad's third argument: a constant, or the options. */
function padSettings(constantValueOrOptions: unknown): { mode: PadMode; constantValue: unknown } {
  if (typeof constantValueOrOptions !== 'object' || constantValueOrOptions === null) {
    return { mode: 'CONSTANT', constantValue: constantValueOrOptions }
  }
  checkOptions('pad', constantValueOrOptions, PAD_OPTIONS)
  const { mode = 'CONSTANT', constantValue } = constantValueOrOptions as PadOptions
  checkOneOf('pad', 'mode', mode, PAD_MODES)
  if (mode !== 'CONSTANT' && constantValue !== undefined) {
    // tf.pad ignores constant_values in the mirror modes; a value given there is more likely a slip.
    throw new ConfigError('pad', `constantValue applies to mode 'CONSTANT' only, got mode '${mode}'`)
  }
  return { mode, constantValue: constantValue ?? 0 }
}

/**
 * Pads each axis with `paddings[axis] = [before, after]` elements: copies of a constant, or with
 * `{ mode: 'REFLECT' | 'SYMMETRIC' }` a mirror image of x, as tf.pad (see {@link mirrorPad}).
 * The third argument is the constant itself or the options `{ mode, constantValue }`.
 * @example pad(tensor([1]), [[1, 1]]).toArray() // [0, 1, 0]
 * @example pad(tensor([1, 2, 3]), [[1, 1]], { mode: 'REFLECT' }).toArray() // [2, 1, 2, 3, 2]
 */
export function pad(x: Tensor, paddings: Paddings, constantValueOrOptions: number | PadOptions = 0): Tensor {
  checkTensor('pad', 'x', x)
  checkPaddings('pad', paddings, x.shape)
  const { mode, constantValue } = padSettings(constantValueOrOptions)
  if (mode !== 'CONSTANT') return mirrorPadChecked('pad', x, paddings, mode)
  if (typeof constantValue !== 'number') {
    throw new ConfigError('pad', `constantValue must be a number, got ${describe(constantValue)}`)
  }
  checkHolds('pad', 'constantValue', constantValue, x.dtype)
  const shape = x.shape.map((d, a) => d + paddings[a]![0] + paddings[a]![1])
  checkElementCount('pad', shape)
  const values = allocate(x.dtype, sizeOf(shape))
  values.fill(roundTo(x.dtype, constantValue))
  const input = valuesOf(x)
  forEachInBox(
    shape,
    paddings.map((p) => p[0]),
    x.shape,
    (outOffset, inOffset) => {
      values[outOffset] = input[inOffset]!
    },
  )
  const out = fromKernel(values, shape, x.dtype)
  record('pad', [x], out, { paddings: paddings.map((p) => [p[0], p[1]] as const), constantValue })
  return out
}
