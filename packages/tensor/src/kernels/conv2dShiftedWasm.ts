import type { TypedArray } from '../dtype'
import { chunkRows, toPanels, transposed } from './conv2dPanels'
import type { Conv2DLayout } from './layouts'
import { address, wasmHeap } from './wasmHeap'

// The first layer of a network: one input channel, strides 1. Over every
// position r of the zero-padded input, filter tap (kh, kw) reads padded
// element r + kh · dh · width + kw · dw, so each row of the transposed patch
// matrix is the padded input shifted, copied with one `set` rather than
// gathered element by element. Positions past the output's edge (the last
// rows and columns of each padded image) are computed too, and dropped. The
// filter gradient keeps the general path: there those positions would add
// x · 0 terms, NaN for an infinite x, and three times the products.

/** Whether the shifted path takes a convolution: one input channel, strides 1. */
export const shiftedPathApplies = (layout: Conv2DLayout): boolean =>
  layout.inChannels === 1 && layout.strideHeight === 1 && layout.strideWidth === 1

/** The padded input's size, its positions, and each tap's shift. */
function shiftedGeometry(layout: Conv2DLayout) {
  const { batch, filterHeight, filterWidth, outHeight, outWidth, dilationHeight, dilationWidth } = layout
  const height = outHeight + (filterHeight - 1) * dilationHeight
  const width = outWidth + (filterWidth - 1) * dilationWidth
  const shifts = Array.from({ length: filterHeight * filterWidth }, (_, tap) => {
    const kh = Math.floor(tap / filterWidth)
    return kh * dilationHeight * width + (tap - kh * filterWidth) * dilationWidth
  })
  return { height, width, positions: batch * height * width, shifts }
}

/**
 * `x` with its padding made real: [batch, paddedHeight, paddedWidth] zeros
 * around the one channel, and after it as many zeros as the largest tap
 * shift plus `tail`, so that every shifted line reads inside the array.
 */
function paddedImage(x: Float32Array, layout: Conv2DLayout, height: number, width: number, tail: number) {
  const { batch, inHeight, inWidth, padTop, padLeft } = layout
  const padded = new Float32Array(batch * height * width + tail)
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < inHeight; h++) {
      const from = (b * inHeight + h) * inWidth
      padded.set(x.subarray(from, from + inWidth), (b * height + h + padTop) * width + padLeft)
    }
  }
  return padded
}

/** Conv2D as outᵀ = filterᵀ · patchesᵀ over every padded position, chunk by chunk: `conv2dKernel`'s sums. */
export function conv2dShiftedWasm(x: Float32Array, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  const { batch, outHeight, outWidth } = layout
  const { height, width, positions, shifts } = shiftedGeometry(layout)
  const patch = shifts.length
  const n = layout.outChannels
  const chunk = chunkRows(positions, patch)
  const colsAt = n * patch
  const panelsAt = colsAt + patch * chunk
  const outAt = panelsAt + patch * chunk
  const heap = wasmHeap(4 * (outAt + n * chunk))
  if (heap === undefined) return undefined
  heap.floats.set(transposed(filter, patch, n), 0)
  const padded = paddedImage(x, layout, height, width, shifts[patch - 1]! + chunk)
  const product = new Float32Array(n * chunk)
  const out = new Float32Array(batch * outHeight * outWidth * n)
  for (let start = 0; start < positions; start += chunk) {
    const span = toPanels(Math.min(chunk, positions - start))
    for (let tap = 0; tap < patch; tap++) {
      const from = start + shifts[tap]!
      heap.floats.set(padded.subarray(from, from + span), colsAt + tap * span)
    }
    heap.kernels.packPanels(address(colsAt), address(panelsAt), patch, span)
    heap.kernels.matMul(address(0), address(panelsAt), address(outAt), n, patch, span)
    product.set(heap.floats.subarray(outAt, outAt + n * span))
    // Keep the positions inside the output, (b, h, w) with h < outHeight and w < outWidth, row by row.
    const end = Math.min(start + span, positions)
    for (let rowStart = start - (start % width); rowStart < end; rowStart += width) {
      const h = (rowStart / width) % height
      if (h >= outHeight) continue
      const b = (rowStart / width - h) / height
      const first = Math.max(rowStart, start)
      const last = Math.min(rowStart + outWidth, end)
      let o = ((b * outHeight + h) * outWidth + (first - rowStart)) * n
      for (let r = first; r < last; r++) {
        for (let oc = 0, at = r - start; oc < n; oc++, at += span) out[o++] = product[at]!
      }
    }
  }
  return out
}
