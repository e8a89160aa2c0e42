import { allocate, roundTo } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import type { PoolLayout } from './layouts'
import { windowSpans } from './windowSpans'

// Both loops follow TF1's CPU kernels (SpatialAvgPool and AvgPoolingGradOp):
// the count of a window is the number of its real elements, padding never
// counts, and every partial result is rounded to the dtype by the store.

/**
 * The mean of each window's real elements: a sequential sum in the window's
 * row-major order, from 0, rounded to `dtype` at every step, then divided by
 * the count. Every window holds at least one real element under 'SAME' and 'VALID'.
 */
export function avgPoolKernel(x: TypedArray, layout: PoolLayout, dtype: DType): TypedArray {
  const { batch, inHeight, inWidth, channels, outHeight, outWidth } = layout
  const { windowHeight, windowWidth, strideHeight, strideWidth, padTop, padLeft } = layout
  const rows = windowSpans(outHeight, strideHeight, padTop, windowHeight, inHeight)
  const columns = windowSpans(outWidth, strideWidth, padLeft, windowWidth, inWidth)
  const out = allocate(dtype, batch * outHeight * outWidth * channels)
  const rowLength = inWidth * channels
  let o = 0
  for (let b = 0; b < batch; b++) {
    const image = b * inHeight * rowLength
    for (let i = 0; i < outHeight; i++) {
      const rowBegin = rows[2 * i]!
      const rowEnd = rows[2 * i + 1]!
      for (let j = 0; j < outWidth; j++) {
        const columnBegin = columns[2 * j]!
        const columnEnd = columns[2 * j + 1]!
        for (let row = rowBegin; row < rowEnd; row++) {
          for (let column = columnBegin; column < columnEnd; column++) {
            const at = image + row * rowLength + column * channels
            for (let c = 0; c < channels; c++) out[o + c] = out[o + c]! + x[at + c]!
          }
        }
        const count = (rowEnd - rowBegin) * (columnEnd - columnBegin)
        for (let c = 0; c < channels; c++) out[o + c] = out[o + c]! / count
        o += channels
      }
    }
  }
  return out
}

/**
 * The gradient of average pooling, TF1's AvgPoolGrad: each output's `dy`
 * times `1 / count` (the reciprocal rounded to `dtype`) added to every real
 * element of its window, windows in output order, elements in row-major
 * order, each product and partial sum rounded to `dtype`. `layout` is the
 * forward pooling's; the result has the input's shape.
 */
export function avgPoolGradKernel(dy: TypedArray, layout: PoolLayout, dtype: DType): TypedArray {
  const { batch, inHeight, inWidth, channels, outHeight, outWidth } = layout
  const { windowHeight, windowWidth, strideHeight, strideWidth, padTop, padLeft } = layout
  const rows = windowSpans(outHeight, strideHeight, padTop, windowHeight, inHeight)
  const columns = windowSpans(outWidth, strideWidth, padLeft, windowWidth, inWidth)
  const dx = allocate(dtype, batch * inHeight * inWidth * channels)
  // One window's shares, per channel, rounded by the store and added to each of its elements.
  const shares = allocate(dtype, channels)
  const rowLength = inWidth * channels
  let o = 0
  for (let b = 0; b < batch; b++) {
    const image = b * inHeight * rowLength
    for (let i = 0; i < outHeight; i++) {
      const rowBegin = rows[2 * i]!
      const rowEnd = rows[2 * i + 1]!
      for (let j = 0; j < outWidth; j++) {
        const columnBegin = columns[2 * j]!
        const columnEnd = columns[2 * j + 1]!
        const reciprocal = roundTo(dtype, 1 / ((rowEnd - rowBegin) * (columnEnd - columnBegin)))
        for (let c = 0; c < channels; c++) shares[c] = dy[o + c]! * reciprocal
        for (let row = rowBegin; row < rowEnd; row++) {
          const end = image + row * rowLength + columnEnd * channels
          for (let at = image + row * rowLength + columnBegin * channels, c = 0; at < end; at++) {
            dx[at] = dx[at]! + shares[c]!
            c = c + 1 === channels ? 0 : c + 1
          }
        }
        o += channels
      }
    }
  }
  return dx
}
