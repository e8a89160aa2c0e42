import type { TypedArray } from '../dtype'
import { patchRows, patchSize } from './im2col'
import { copyPaddedIn, copyPaddedOut, paddedImage, tapOffsets, writePositionAddresses } from './im2colWasm'
import type { Conv2DLayout } from './layouts'
import { PANEL, chunkRows, toPanels, tooSmall, transposed } from './conv2dPanels'
import { address, wasmHeap } from './wasmHeap'

// The convolutions as products of the patch matrix (im2col.ts) with the
// filter, in the WebAssembly SIMD matMul. That kernel sums each output in
// order over k from 0, so every product below puts the convolution's own
// sum on k, and its results are the TypeScript references' bits
// (conv2d.ts). The kernel keeps eight f32x4 sums (two rows of `a`) in
// flight per 16-column panel of `b`, and a sum is as slow as its chain of
// dependent adds; so the long dimension goes on n, in whole 16-column
// panels (padded with columns whose outputs are dropped), never on the
// 4-column or single-column panels. The patch matrix never passes through
// TypeScript: the input goes into the heap once, padded, and gatherPanels
// writes the panels from it (im2colWasm.ts); the input gradient is added
// back by scatterAddRows. (A one-channel first layer is no exception: the
// gather beats copying shifted rows of the padded input over every padded
// position, which computes a third more products at LeNet's conv1.)

/**
 * Conv2D as outᵀ = filterᵀ · patchesᵀ, chunk by chunk of output positions:
 * each output is the sum over its patch in (kh, kw, ic) order, as
 * `conv2dKernel`. Float32 only; undefined for what the reference computes.
 */
export function conv2dWasm(x: TypedArray, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const chunk = chunkRows(rows, patch)
  const image = paddedImage(layout)
  const imageAt = n * patch
  const positionsAt = imageAt + image.size
  const tapsAt = positionsAt + toPanels(rows)
  const panelsAt = tapsAt + patch
  const productAt = panelsAt + patch * chunk
  const outAt = productAt + n * chunk
  const heap = wasmHeap(4 * (outAt + chunk * n))
  if (heap === undefined) return undefined
  heap.floats.set(transposed(filter, patch, n), 0)
  copyPaddedIn(heap, imageAt, x, layout, image)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, toPanels(rows))
  heap.ints.set(tapOffsets(layout, image, patch), tapsAt)
  const out = new Float32Array(rows * n)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    const width = toPanels(count)
    heap.kernels.gatherPanels(address(positionsAt + start), address(tapsAt), address(panelsAt), width / PANEL, patch)
    heap.kernels.matMul(address(0), address(panelsAt), address(productAt), n, patch, width, 0)
    heap.kernels.transpose(address(productAt), address(outAt), n, count, width)
    out.set(heap.floats.subarray(outAt, outAt + count * n), start * n)
  }
  return out
}

/**
 * Conv2DBackpropFilter as filterGradᵀ = dyᵀ · patches: each element is the
 * sum over (b, oh, ow) in order, as `conv2dBackpropFilterKernel`. The sums
 * run over blocks of output positions, each block's patches gathered
 * straight into the matMul's 16-column panels (taps across) and added on
 * while they are still in cache: the matMul continues each sum from the last
 * block's value, so the order is the reference's.
 */
export function conv2dBackpropFilterWasm(x: TypedArray, dy: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const width = toPanels(patch)
  const chunk = chunkRows(rows, width)
  const image = paddedImage(layout)
  const dyAt = 0
  const dyTAt = dyAt + rows * n
  const imageAt = dyTAt + n * chunk
  const tapsAt = imageAt + image.size
  const positionsAt = tapsAt + width
  const panelsAt = positionsAt + rows
  const productAt = panelsAt + chunk * width
  const outAt = productAt + n * width
  const heap = wasmHeap(4 * (outAt + patch * n))
  if (heap === undefined) return undefined
  heap.floats.set(dy, dyAt)
  copyPaddedIn(heap, imageAt, x, layout, image)
  heap.ints.set(tapOffsets(layout, image, width), tapsAt)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, rows)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    heap.kernels.transpose(address(dyAt + start * n), address(dyTAt), count, n, n)
    heap.kernels.gatherPanels(address(tapsAt), address(positionsAt + start), address(panelsAt), width / PANEL, count)
    heap.kernels.matMul(address(dyTAt), address(panelsAt), address(productAt), n, count, width, start > 0 ? 1 : 0)
  }
  heap.kernels.transpose(address(productAt), address(outAt), n, patch, width)
  return heap.floats.slice(outAt, outAt + patch * n)
}

/**
 * Conv2DBackpropInput as patchGrad = dy · filterᵀ, chunk by chunk of output
 * positions, each chunk added by scatterAddRows into the padded input
 * gradient in row order (TF's Col2im): as `conv2dBackpropInputKernel`.
 */
export function conv2dBackpropInputWasm(
  filter: TypedArray,
  dy: TypedArray,
  layout: Conv2DLayout,
): TypedArray | undefined {
  if (!(filter instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const width = toPanels(patch)
  const chunk = chunkRows(rows, width)
  const image = paddedImage(layout)
  const panelsAt = n * width
  const dyAt = panelsAt + n * width
  const colsAt = dyAt + chunk * n
  const imageAt = colsAt + chunk * width
  const positionsAt = imageAt + image.size
  const tapsAt = positionsAt + rows
  const heap = wasmHeap(4 * (tapsAt + patch))
  if (heap === undefined) return undefined
  heap.floats.set(transposed(filter, patch, n, width), 0)
  heap.kernels.packPanels(address(0), address(panelsAt), n, width)
  heap.floats.fill(0, imageAt, imageAt + image.size)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, rows)
  heap.ints.set(tapOffsets(layout, image, patch), tapsAt)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    heap.floats.set(dy.subarray(start * n, (start + count) * n), dyAt)
    heap.kernels.matMul(address(dyAt), address(panelsAt), address(colsAt), count, n, width, 0)
    heap.kernels.scatterAddRows(address(colsAt), width, address(positionsAt + start), address(tapsAt), count, patch)
  }
  return copyPaddedOut(heap, imageAt, layout, image)
}
