import type { TypedArray } from '../dtype'
import { col2im, im2colByTap, patchRows, patchSize } from './im2col'
import type { Conv2DLayout } from './layouts'
import { PANEL, chunkRows, toPanels, tooSmall, transposed } from './conv2dPanels'
import { conv2dShiftedWasm, shiftedPathApplies } from './conv2dShiftedWasm'
import { address, wasmHeap } from './wasmHeap'

// The convolutions as products of the patch matrix (im2col.ts) with the
// filter, in the WebAssembly SIMD matMul. That kernel sums each output in
// order over k from 0, so every product below puts the convolution's own
// sum on k, and its results are the TypeScript references' bits
// (conv2d.ts). The kernel keeps four f32x4 sums of one row of `a` in flight
// per 16-column panel of `b`, and a sum is as slow as its chain of
// dependent adds; so the long dimension goes on n, in whole 16-column
// panels (padded with zero columns whose outputs are dropped), never on the
// 4-column or single-column panels. Data is arranged in plain arrays and
// copied into the heap in one `set`: V8 writes a typed array over
// WebAssembly memory element by element about 2.5x slower than a plain one.

/**
 * Conv2D as outᵀ = filterᵀ · patchesᵀ, chunk by chunk of output positions:
 * each output is the sum over its patch in (kh, kw, ic) order, as
 * `conv2dKernel`. Float32 only; undefined for what the reference computes.
 */
export function conv2dWasm(x: TypedArray, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  if (shiftedPathApplies(layout)) return conv2dShiftedWasm(x, filter, layout)
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const chunk = chunkRows(rows, patch)
  const colsAt = n * patch
  const panelsAt = colsAt + patch * chunk
  const outAt = panelsAt + patch * chunk
  const heap = wasmHeap(4 * (outAt + n * chunk))
  if (heap === undefined) return undefined
  heap.floats.set(transposed(filter, patch, n), 0)
  const patches = new Float32Array(patch * chunk)
  const product = new Float32Array(n * chunk)
  const out = new Float32Array(rows * n)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    const width = toPanels(count)
    if (width > count) patches.fill(0)
    im2colByTap(x, layout, start, count, patches, (tap) => tap * width, 1)
    heap.floats.set(patches.subarray(0, patch * width), colsAt)
    heap.kernels.packPanels(address(colsAt), address(panelsAt), patch, width)
    heap.kernels.matMul(address(0), address(panelsAt), address(outAt), n, patch, width)
    product.set(heap.floats.subarray(outAt, outAt + n * width))
    for (let j = 0, o = start * n; j < count; j++) {
      for (let oc = 0, from = j; oc < n; oc++, from += width) out[o++] = product[from]!
    }
  }
  return out
}

/**
 * Conv2DBackpropFilter as filterGradᵀ = dyᵀ · patches, in one product since
 * its sums run over every output position: each element is the sum over
 * (b, oh, ow) in order, as `conv2dBackpropFilterKernel`. The patches are
 * written straight into the matMul's 16-column panels, chunk by chunk.
 */
export function conv2dBackpropFilterWasm(x: TypedArray, dy: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const width = toPanels(patch)
  const panelsAt = n * rows
  const outAt = panelsAt + rows * width
  const heap = wasmHeap(4 * (outAt + n * width))
  if (heap === undefined) return undefined
  heap.floats.set(transposed(dy, rows, n), 0)
  // One chunk of every panel: panel p holds taps 16p to 16p + 15, each row's 16 side by side.
  const chunk = chunkRows(rows, width)
  const panels = new Float32Array(width * chunk)
  const lineStart = (tap: number) => (tap - (tap % PANEL)) * chunk + (tap % PANEL)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    im2colByTap(x, layout, start, count, panels, lineStart, PANEL)
    for (let p = 0; p < width; p += PANEL) {
      heap.floats.set(panels.subarray(p * chunk, p * chunk + count * PANEL), panelsAt + p * rows + start * PANEL)
    }
  }
  heap.kernels.matMul(address(0), address(panelsAt), address(outAt), n, rows, width)
  const product = heap.floats.slice(outAt, outAt + n * width)
  const out = new Float32Array(patch * n)
  for (let k = 0, o = 0; k < patch; k++) {
    for (let oc = 0, from = k; oc < n; oc++, from += width) out[o++] = product[from]!
  }
  return out
}

/**
 * Conv2DBackpropInput as patchGrad = dy · filterᵀ, chunk by chunk of output
 * positions, each chunk added into the input gradient by col2im in row
 * order: as `conv2dBackpropInputKernel`.
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
  const panelsAt = n * width
  const dyAt = panelsAt + n * width
  const colsAt = dyAt + chunk * n
  const heap = wasmHeap(4 * (colsAt + chunk * width))
  if (heap === undefined) return undefined
  heap.floats.set(transposed(filter, patch, n, width), 0)
  heap.kernels.packPanels(address(0), address(panelsAt), n, width)
  const { batch, inHeight, inWidth, inChannels } = layout
  const dx = new Float32Array(batch * inHeight * inWidth * inChannels)
  const patchGrad = new Float32Array(chunk * width)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    heap.floats.set(dy.subarray(start * n, (start + count) * n), dyAt)
    heap.kernels.matMul(address(dyAt), address(panelsAt), address(colsAt), count, n, width)
    patchGrad.set(heap.floats.subarray(colsAt, colsAt + count * width))
    col2im(patchGrad, 0, width, layout, start, count, dx)
  }
  return dx
}
