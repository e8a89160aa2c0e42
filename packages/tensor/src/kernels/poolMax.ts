import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import type { PoolLayout } from './layouts'
import { windowSpans } from './windowSpans'

/** A max pooling's outputs and, for each, the flat index into the input it was read from. */
export interface MaxPoolResult {
  readonly values: TypedArray
  readonly argmax: Int32Array
}

/** Max pooling: each window's maximum, read at the index {@link maxPoolArgmax} finds, in `x`'s dtype. */
export function maxPoolKernel(x: TypedArray, layout: PoolLayout): MaxPoolResult {
  const argmax = maxPoolArgmax(x, layout)
  const values = allocate(dtypeOfStorage(x), argmax.length)
  for (let i = 0; i < argmax.length; i++) values[i] = x[argmax[i]!]!
  return { values, argmax }
}

/**
 * For each output of a max pooling, the flat index into `x` of its window's
 * maximum. Each window is scanned in row-major order over its real elements
 * (padding is never read, as if it held -Infinity) and a later element takes
 * over only when strictly larger, so ties go to the first maximum (smallest
 * row, then smallest column), as TF1's CPU MaxPoolGrad picks. A NaN wins
 * (the first NaN of the window), as gradstream's `max` and `argMax` do.
 *
 * Under 'SAME' and 'VALID' every window holds at least one real element, so
 * every index points into `x`.
 */
export function maxPoolArgmax(x: TypedArray, layout: PoolLayout): Int32Array {
  const { batch, inHeight, inWidth, channels, outHeight, outWidth } = layout
  const { windowHeight, windowWidth, strideHeight, strideWidth, padTop, padLeft } = layout
  const rows = windowSpans(outHeight, strideHeight, padTop, windowHeight, inHeight)
  const columns = windowSpans(outWidth, strideWidth, padLeft, windowWidth, inWidth)
  const argmax = allocate('int32', batch * outHeight * outWidth * channels)
  // The running maximum of each channel of the window being scanned: one buffer for the whole call.
  const best = new Float64Array(channels)
  const rowLength = inWidth * channels
  let out = 0
  for (let b = 0; b < batch; b++) {
    const image = b * inHeight * rowLength
    for (let i = 0; i < outHeight; i++) {
      const rowBegin = rows[2 * i]!
      const rowEnd = rows[2 * i + 1]!
      for (let j = 0; j < outWidth; j++) {
        const columnBegin = columns[2 * j]!
        const columnEnd = columns[2 * j + 1]!
        const first = image + rowBegin * rowLength + columnBegin * channels
        for (let c = 0; c < channels; c++) {
          best[c] = x[first + c]!
          argmax[out + c] = first + c
        }
        for (let row = rowBegin; row < rowEnd; row++) {
          for (let column = row === rowBegin ? columnBegin + 1 : columnBegin; column < columnEnd; column++) {
            const at = image + row * rowLength + column * channels
            for (let c = 0; c < channels; c++) {
              const v = x[at + c]!
              const current = best[c]!
              // Strictly larger, or a NaN, replaces a running maximum that is not NaN yet.
              if (current === current && !(v <= current)) {
                best[c] = v
                argmax[out + c] = at + c
              }
            }
          }
        }
        out += channels
      }
    }
  }
  return argmax
}

/**
 * Max pooling's gradient from the recorded maxima, TF1's
 * MaxPoolGradWithArgmax: zeros of `inputSize` elements with each `dy[i]`
 * added at `argmax[i]`, in order, every partial sum rounded to `dtype` (the
 * order of TF1's CPU MaxPoolGrad, which adds output by output).
 */
export function maxPoolGradKernel(dy: TypedArray, argmax: TypedArray, inputSize: number, dtype: DType): TypedArray {
  const dx = allocate(dtype, inputSize)
  for (let i = 0, n = argmax.length; i < n; i++) {
    const at = argmax[i]!
    dx[at] = dx[at]! + dy[i]!
  }
  return dx
}
