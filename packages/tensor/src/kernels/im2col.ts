import type { TypedArray } from '../dtype'
import type { Conv2DLayout } from './layouts'

// The patch matrix of a convolution and its inverse. Row r of the patch
// matrix is output position (b, oh, ow) = r in row-major order; column k is
// filter tap (kh, kw, ic) = k in row-major order, the order of the HWIO
// filter's first three axes, so the patch matrix times the filter viewed as
// [patch, outChannels] is the convolution. Taps in the padding are zeros.

/** Number of rows of the patch matrix: one per output position. */
export const patchRows = (layout: Conv2DLayout): number => layout.batch * layout.outHeight * layout.outWidth

/** Number of columns of the patch matrix: one per filter tap. */
export const patchSize = (layout: Conv2DLayout): number => layout.filterHeight * layout.filterWidth * layout.inChannels

/**
 * Writes the patch matrix, row-major with rows `width` apart (width >=
 * patch size; the columns past the patch are zeros), into `target` from `at`.
 */
export function im2col(x: TypedArray, layout: Conv2DLayout, target: Float32Array, at: number, width: number): void {
  const { batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, outHeight, outWidth } = layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = layout
  const patch = patchSize(layout)
  let line = at
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++, line += width) {
        let k = line
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh * dilationHeight - padTop
          const rowInside = ih >= 0 && ih < inHeight
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw * dilationWidth - padLeft
            if (rowInside && iw >= 0 && iw < inWidth) {
              const xAt = ((b * inHeight + ih) * inWidth + iw) * inChannels
              for (let ic = 0; ic < inChannels; ic++) target[k++] = x[xAt + ic]!
            } else {
              target.fill(0, k, k + inChannels)
              k += inChannels
            }
          }
        }
        target.fill(0, line + patch, line + width)
      }
    }
  }
}

/**
 * Writes rows [rowStart, rowStart + rowCount) of the patch matrix transposed,
 * [patch, width] row-major (width >= rowCount; the columns past rowCount are
 * zeros), into `target` from `at`. Along a line the input is read with the
 * stride, contiguously for stride 1 and one input channel.
 */
export function im2colTransposed(
  x: TypedArray,
  layout: Conv2DLayout,
  rowStart: number,
  rowCount: number,
  target: Float32Array,
  at: number,
  width: number,
): void {
  const { inHeight, inWidth, inChannels, filterHeight, filterWidth, outHeight, outWidth } = layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = layout
  const rowEnd = rowStart + rowCount
  let line = at
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // The output columns whose tap kw lands inside the input: [owFirst, owEnd).
      const shift = kw * dilationWidth - padLeft
      const owFirst = Math.max(0, Math.ceil(-shift / strideWidth))
      const owEnd = Math.min(outWidth, Math.max(owFirst, Math.ceil((inWidth - shift) / strideWidth)))
      for (let ic = 0; ic < inChannels; ic++, line += width) {
        let j = line
        // One segment per (b, oh) run of output columns.
        for (let r = rowStart; r < rowEnd; ) {
          const ow0 = r % outWidth
          const bh = (r - ow0) / outWidth
          const oh = bh % outHeight
          const b = (bh - oh) / outHeight
          const owStop = Math.min(outWidth, ow0 + rowEnd - r)
          const ih = oh * strideHeight + kh * dilationHeight - padTop
          if (ih < 0 || ih >= inHeight) {
            target.fill(0, j, j + owStop - ow0)
            j += owStop - ow0
          } else {
            const rowBase = (b * inHeight + ih) * inWidth * inChannels + ic
            const step = strideWidth * inChannels
            const lo = Math.min(Math.max(ow0, owFirst), owStop)
            const hi = Math.max(Math.min(owStop, owEnd), lo)
            target.fill(0, j, j + lo - ow0)
            j += lo - ow0
            for (let ow = lo, from = rowBase + (lo * strideWidth + shift) * inChannels; ow < hi; ow++, from += step) {
              target[j++] = x[from]!
            }
            target.fill(0, j, j + owStop - hi)
            j += owStop - hi
          }
          r += owStop - ow0
        }
        target.fill(0, line + rowCount, line + width)
      }
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
