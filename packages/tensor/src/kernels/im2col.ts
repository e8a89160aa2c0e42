import type { TypedArray } from '../dtype'
import type { Conv2DLayout } from './layouts'

// The patch matrix of a convolution and its inverse. Row r of the patch
// matrix is output position (b, oh, ow) = r in row-major order; column k is
// filter tap (kh, kw, ic) = k in row-major order, the order of the HWIO
// filter's first three axes, so the patch matrix times the filter viewed as
// [patch, outChannels] is the convolution. Taps in the padding are zeros.

/** Writes `count` zeros `step` apart from `at`; returns where the next value goes. */
function zero(target: Float32Array, at: number, count: number, step: number): number {
  for (let i = 0; i < count; i++, at += step) target[at] = 0
  return at
}

/** Number of rows of the patch matrix: one per output position. */
export const patchRows = (layout: Conv2DLayout): number => layout.batch * layout.outHeight * layout.outWidth

/** Number of columns of the patch matrix: one per filter tap. */
export const patchSize = (layout: Conv2DLayout): number => layout.filterHeight * layout.filterWidth * layout.inChannels

/**
 * Writes rows [rowStart, rowStart + rowCount) of the patch matrix into
 * `target` tap by tap: tap k's values for those rows go to `lineStart(k)`,
 * `lineStart(k) + step`, ... So the same loop writes the patch matrix
 * transposed (step 1) or in the 16-column panels the WebAssembly matMul
 * reads (step 16). It walks the output positions along their rows, reading
 * the input with the stride: contiguously for stride 1 and one channel.
 */
export function im2colByTap(
  x: TypedArray,
  layout: Conv2DLayout,
  rowStart: number,
  rowCount: number,
  target: Float32Array,
  lineStart: (tap: number) => number,
  step: number,
): void {
  const { inHeight, inWidth, inChannels, filterHeight, filterWidth, outHeight, outWidth } = layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = layout
  const rowEnd = rowStart + rowCount
  const xStep = strideWidth * inChannels
  let tap = 0
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // The output columns whose tap kw lands inside the input: [owFirst, owEnd).
      const shift = kw * dilationWidth - padLeft
      const owFirst = Math.max(0, Math.ceil(-shift / strideWidth))
      const owEnd = Math.min(outWidth, Math.max(owFirst, Math.ceil((inWidth - shift) / strideWidth)))
      // One segment per (b, oh) run of output columns, all channels of the tap at once;
      // the counters advance without divisions.
      let ow0 = rowStart % outWidth
      let oh = ((rowStart - ow0) / outWidth) % outHeight
      let b = (rowStart - ow0 - oh * outWidth) / (outWidth * outHeight)
      for (let r = rowStart; r < rowEnd; ) {
        const owStop = Math.min(outWidth, ow0 + rowEnd - r)
        const ih = oh * strideHeight + kh * dilationHeight - padTop
        const written = (r - rowStart) * step
        const inside = ih >= 0 && ih < inHeight
        const lo = inside ? Math.min(Math.max(ow0, owFirst), owStop) : owStop
        const hi = inside ? Math.max(Math.min(owStop, owEnd), lo) : owStop
        const rowBase = ((b * inHeight + ih) * inWidth + lo * strideWidth + shift) * inChannels
        for (let ic = 0; ic < inChannels; ic++) {
          let j = zero(target, lineStart(tap + ic) + written, lo - ow0, step)
          for (let ow = lo, from = rowBase + ic; ow < hi; ow++, j += step, from += xStep) target[j] = x[from]!
          zero(target, j, owStop - hi, step)
        }
        r += owStop - ow0
        ow0 = 0
        if (++oh === outHeight) {
          oh = 0
          b++
        }
      }
      tap += inChannels
    }
  }
}

/**
 * Adds rows [rowStart, rowStart + rowCount) of a patch-matrix gradient, read
 * from `source` at `at` with rows `width` apart, into the input gradient
 * `dx`, position by position in row order (TF's Col2im): each element of dx
 * receives its sums in (b, oh, ow) order, each addition rounded by the
 * store. Taps in the padding are dropped.
 */
export function col2im(
  source: Float32Array,
  at: number,
  width: number,
  layout: Conv2DLayout,
  rowStart: number,
  rowCount: number,
  dx: Float32Array,
): void {
  const { inHeight, inWidth, inChannels, filterHeight, filterWidth, outHeight, outWidth } = layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = layout
  for (let r = rowStart, line = at; r < rowStart + rowCount; r++, line += width) {
    const ow = r % outWidth
    const bh = (r - ow) / outWidth
    const oh = bh % outHeight
    const b = (bh - oh) / outHeight
    let k = line
    for (let kh = 0; kh < filterHeight; kh++) {
      const ih = oh * strideHeight + kh * dilationHeight - padTop
      const rowInside = ih >= 0 && ih < inHeight
      for (let kw = 0; kw < filterWidth; kw++, k += inChannels) {
        const iw = ow * strideWidth + kw * dilationWidth - padLeft
        if (!rowInside || iw < 0 || iw >= inWidth) continue
        const xAt = ((b * inHeight + ih) * inWidth + iw) * inChannels
        for (let ic = 0; ic < inChannels; ic++) dx[xAt + ic] = dx[xAt + ic]! + source[k + ic]!
      }
    }
  }
}
