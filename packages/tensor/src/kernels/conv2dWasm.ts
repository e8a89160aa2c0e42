import type { TypedArray } from '../dtype'
import { col2im, im2col, im2colTransposed, patchRows, patchSize } from './im2col'
import type { Conv2DLayout } from './layouts'
import { address, copyMatrixIn, wasmHeap } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

// The convolutions as products of the patch matrix (im2col.ts) with the
// filter, in the WebAssembly SIMD matMul. That kernel sums each output in
// order over k from 0, so every product below is chosen to put the
// convolution's own sum on k, and its results are the TypeScript
// references' bits (conv2d.ts). The kernel keeps four f32x4 sums of one row
// of `a` in flight per 16-column panel of `b`, and a sum is as slow as its
// chain of dependent adds; so the long dimension goes on n, in whole
// 16-column panels (padded with zero columns whose outputs are dropped),
// never on 4-column or single-column panels.

// Below this many multiply-adds the copies in and out cost more than they save.
const WASM_MIN_MULTIPLY_ADDS = 512
const PANEL = 16
// Floats of patch matrix per chunk: the chunk and its packed copy stay in L2.
const CHUNK_FLOATS = 1 << 15

const toPanels = (columns: number): number => Math.ceil(columns / PANEL) * PANEL

/** Rows of the patch matrix per chunk, a multiple of PANEL. */
const chunkRows = (rows: number, columns: number): number =>
  Math.min(toPanels(rows), Math.max(PANEL, Math.floor(CHUNK_FLOATS / Math.max(columns, 1) / PANEL) * PANEL))

const tooSmall = (layout: Conv2DLayout): boolean =>
  patchRows(layout) * patchSize(layout) * layout.outChannels < WASM_MIN_MULTIPLY_ADDS

/**
 * Writes `filter` viewed as [patch, outChannels] transposed into the heap at
 * `at`: [outChannels, width] row-major, the columns past the patch zero.
 */
function copyFilterTransposed(
  heap: WasmHeap,
  at: number,
  filter: Float32Array,
  patch: number,
  n: number,
  width: number,
) {
  copyMatrixIn(heap, at, { data: filter, offset: 0, rowStride: 1, colStride: n }, n, patch)
  if (width === patch) return
  // copyMatrixIn wrote the rows patch apart; spread them to width apart, last first.
  const floats = heap.floats
  for (let oc = n - 1; oc >= 0; oc--) {
    floats.copyWithin(at + oc * width, at + oc * patch, at + (oc + 1) * patch)
    floats.fill(0, at + oc * width + patch, at + (oc + 1) * width)
  }
}

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
  const colsAt = n * patch
  const panelsAt = colsAt + patch * chunk
  const outAt = panelsAt + patch * chunk
  const heap = wasmHeap(4 * (outAt + n * chunk))
  if (heap === undefined) return undefined
  copyMatrixIn(heap, 0, { data: filter, offset: 0, rowStride: 1, colStride: n }, n, patch)
  const out = new Float32Array(rows * n)
  const floats = heap.floats
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    const width = toPanels(count)
    im2colTransposed(x, layout, start, count, floats, colsAt, width)
    heap.kernels.packPanels(address(colsAt), address(panelsAt), patch, width)
    heap.kernels.matMul(address(0), address(panelsAt), address(outAt), n, patch, width)
    for (let j = 0, o = start * n; j < count; j++) {
      for (let oc = 0, from = outAt + j; oc < n; oc++, from += width) out[o++] = floats[from]!
    }
  }
  return out
}

/**
 * Conv2DBackpropFilter as filterGradᵀ = dyᵀ · patches, in one product since
 * its sums run over every output position: each element is the sum over
 * (b, oh, ow) in order, as `conv2dBackpropFilterKernel`.
 */
export function conv2dBackpropFilterWasm(x: TypedArray, dy: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const width = toPanels(patch)
  const colsAt = n * rows
  const panelsAt = colsAt + rows * width
  const outAt = panelsAt + rows * width
  const heap = wasmHeap(4 * (outAt + n * width))
  if (heap === undefined) return undefined
  copyMatrixIn(heap, 0, { data: dy, offset: 0, rowStride: 1, colStride: n }, n, rows)
  im2col(x, layout, heap.floats, colsAt, width)
  heap.kernels.packPanels(address(colsAt), address(panelsAt), rows, width)
  heap.kernels.matMul(address(0), address(panelsAt), address(outAt), n, rows, width)
  const out = new Float32Array(patch * n)
  const floats = heap.floats
  for (let k = 0, o = 0; k < patch; k++) {
    for (let oc = 0, from = outAt + k; oc < n; oc++, from += width) out[o++] = floats[from]!
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
  copyFilterTransposed(heap, 0, filter, patch, n, width)
  heap.kernels.packPanels(address(0), address(panelsAt), n, width)
  const { batch, inHeight, inWidth, inChannels } = layout
  const dx = new Float32Array(batch * inHeight * inWidth * inChannels)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    heap.floats.set(dy.subarray(start * n, (start + count) * n), dyAt)
    heap.kernels.matMul(address(dyAt), address(panelsAt), address(colsAt), count, n, width)
    col2im(heap.floats, colsAt, width, layout, start, count, dx)
  }
  return dx
}
