import { checkOptions } from '@gradstream/core'
import { allocate } from '../dtype'
import { shapesEqual, sizeOf, stridesOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensor } from './argumentChecks'
import { reshape } from './reshape'
import { slice } from './slice'
import { STRIDED_SLICE_OPTIONS, resolveStridedSlice } from './stridedSliceSpec'
import type { ResolvedStridedSlice, StridedSliceOptions } from './stridedSliceSpec'

/** Reads the elements begin + k·stride on every axis of x. */
function readStrided(x: Tensor, { begin, strides, size }: ResolvedStridedSlice): Tensor {
  const input = valuesOf(x)
  const xStrides = stridesOf(x.shape)
  const values = allocate(x.dtype, sizeOf(size))
  const counter = new Array<number>(size.length).fill(0)
  for (let i = 0; i < values.length; i++) {
    let offset = 0
    for (let a = 0; a < size.length; a++) offset += (begin[a]! + counter[a]! * strides[a]!) * xStrides[a]!
    values[i] = input[offset]!
    for (let a = size.length - 1; a >= 0; a--) {
      if (++counter[a]! < size[a]!) break
      counter[a] = 0
    }
  }
  const out = fromKernel(values, size, x.dtype)
  record('stridedSlice', [x], out, { begin, strides, size })
  return out
}

/**
 * TF's strided_slice: numpy's basic indexing `x[b0:e0:s0, ..., None, 3]` written as `begin`, `end`
 * and `strides` (1 each when omitted), one entry per indexed axis, with TF's masks in `options`
 * (`beginMask`, `endMask`, `ellipsisMask`, `newAxisMask`, `shrinkAxisMask`; bit i refers to entry i).
 * All of TF1's semantics are kept: negative indices count from the end, out-of-range begin and end
 * are clamped as numpy does, negative strides walk backwards, an ellipsis (or, with none, the axes
 * after the last entry) takes whole axes. A shrunk axis takes one index, which must be inside the
 * axis (ShapeError, as TF) and a positive stride (ConfigError, as TF). A zero stride, a mask bit past
 * the entries or two ellipsis bits are refused with a ConfigError.
 * @example stridedSlice(tensor([0, 1, 2, 3, 4, 5]), [-1], [0], [-2]).toArray() // [5, 3, 1]
 * @example stridedSlice(tensor([[1, 2], [3, 4]]), [0, 1], [0, 2], [1, 1], { beginMask: 1, endMask: 1, shrinkAxisMask: 2 }).toArray() // [2, 4]
 */
export function stridedSlice(
  x: Tensor,
  begin: readonly number[],
  end: readonly number[],
  strides?: readonly number[],
  options: StridedSliceOptions = {},
): Tensor {
  checkTensor('stridedSlice', 'x', x)
  checkOptions('stridedSlice', options, STRIDED_SLICE_OPTIONS)
  const resolved = resolveStridedSlice(x.shape, begin, end, strides, options)
  // Unit strides are a box: slice copies it in one piece where it is contiguous.
  const read = resolved.strides.every((s) => s === 1)
    ? slice(x, resolved.begin, resolved.size)
    : readStrided(x, resolved)
  return shapesEqual(read.shape, resolved.shape) ? read : reshape(read, resolved.shape)
}
