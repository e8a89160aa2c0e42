import type { TypedArray } from '../dtype'
import { patchRows, patchSize } from './im2col'
import { copyPaddedIn, copyPaddedOut, paddedImage, tapOffsets, writePositionAddresses } from './im2colWasm'
import type { Conv2DLayout } from './layouts'
import { PANEL, chunkRows, toPanels, tooSmall, transposed } from './conv2dPanels'
import { address, wasmHeap } from './wasmHeap'

// The forward pass and the input gradient as products of the patch matrix
// (im2col.ts) with the filter, in the WebAssembly SIMD matMul. That kernel
// sums each output in order over k from 0, so every product below puts the
// convolution's own sum on k, and its results are the TypeScript
// references' bits (conv2d.ts). The kernel keeps eight f32x4 sums (two rows
// of `a`) in flight per 16-column panel of `b`, and a sum is as slow as its
// chain of dependent adds; so the long dimension goes on n, in whole
// 16-column panels (padded with columns whose outputs are dropped), never on
// the 4-column or single-column panels. The patch matrix never passes
// through TypeScript: the input goes into the heap once, padded, and
// gatherPanels writes the panels from it (im2colWasm.ts); the input
// gradient is added back by scatterAddRuns. (A one-channel first layer is no
// exception: the gather beats copying shifted rows of the padded input over
// every padded position, which computes a third more products at LeNet's
// conv1.) The filter gradient needs no patch matrix at all: its kernel reads
// the padded input through the same address tables.

// The filter gradient's blocks: filterGradientBlock's five taps by eight
// channels, over this many output positions at a time (their dy, 6 to 16
// channels wide, stays in L1 while every tap block passes over it).
const TAP_BLOCK = 5
const CHANNEL_BLOCK = 8
// convOutputBlock's positions per block.
const POSITION_BLOCK = 5
const FILTER_GRADIENT_ROWS = 256

const roundUp = (value: number, multiple: number): number => Math.ceil(value / multiple) * multiple

/**
 * TF's Conv2D in WebAssembly: each output is the sum from 0 over its patch
 * in (kh, kw, ic) order of input times filter, as `conv2dKernel`. Fewer
 * than 16 output channels read the padded input directly; from 16 on, the
 * patch panels' gather and transposes, which cost per output position, are
 * spread over enough channels that the panel matMul is as fast (LeNet's
 * conv1, 6 channels: direct 1.2-1.4x; conv2, 16 channels: panels 1.05-1.1x).
 * Float32 only; undefined for what the reference computes.
 */
export function conv2dWasm(x: TypedArray, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  return layout.outChannels < PANEL ? conv2dDirectWasm(x, filter, layout) : conv2dPanelsWasm(x, filter, layout)
}

/**
 * Conv2D straight from the padded input, with no patch matrix:
 * convOutputBlock computes five positions by eight output channels at a
 * time. Channel blocks run from the last to the first, so that each block's
 * lanes past the real channels, written into the next position, are
 * written again by the blocks after it.
 */
function conv2dDirectWasm(x: Float32Array, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const positions = roundUp(rows, POSITION_BLOCK)
  const image = paddedImage(layout)
  const imageAt = patch * n + CHANNEL_BLOCK
  const tapsAt = imageAt + image.size
  const positionsAt = tapsAt + patch
  const outAt = positionsAt + positions
  const heap = wasmHeap(4 * (outAt + positions * n + CHANNEL_BLOCK))
  if (heap === undefined) return undefined
  heap.floats.set(filter, 0)
  copyPaddedIn(heap, imageAt, x, layout, image)
  heap.ints.set(tapOffsets(layout, image, patch), tapsAt)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, positions)
  for (let c = roundUp(n, CHANNEL_BLOCK) - CHANNEL_BLOCK; c >= 0; c -= CHANNEL_BLOCK) {
    heap.kernels.convOutputBlock(
      address(positionsAt),
      positions,
      address(tapsAt),
      patch,
      address(c),
      address(n),
      address(outAt + c),
      address(n),
    )
  }
  return heap.floats.slice(outAt, outAt + rows * n)
}

/** Conv2D as outᵀ = filterᵀ · patchesᵀ, chunk by chunk of output positions, in the panel matMul. */
function conv2dPanelsWasm(x: Float32Array, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
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
 * Conv2DBackpropFilter straight from the padded input, with no patch matrix:
 * filterGradientBlock computes five taps by eight output channels at a time,
 * each element the sum over (b, oh, ow) in order of the input under its tap
 * times dy, as `conv2dBackpropFilterKernel`. The positions run in blocks
 * whose dy stays in L1 for all the tap and channel blocks, each block's
 * sums continuing the last block's, so the order is the reference's.
 */
export function conv2dBackpropFilterWasm(x: TypedArray, dy: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const taps = roundUp(patch, TAP_BLOCK)
  const channels = roundUp(n, CHANNEL_BLOCK)
  const image = paddedImage(layout)
  const imageAt = rows * n + CHANNEL_BLOCK
  const tapsAt = imageAt + image.size
  const positionsAt = tapsAt + taps
  const outAt = positionsAt + rows
  const heap = wasmHeap(4 * (outAt + taps * channels))
  if (heap === undefined) return undefined
  heap.floats.set(dy, 0)
  copyPaddedIn(heap, imageAt, x, layout, image)
  heap.ints.set(tapOffsets(layout, image, taps), tapsAt)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, rows)
  for (let start = 0; start < rows; start += FILTER_GRADIENT_ROWS) {
    const count = Math.min(FILTER_GRADIENT_ROWS, rows - start)
    for (let t = 0; t < taps; t += TAP_BLOCK) {
      for (let c = 0; c < channels; c += CHANNEL_BLOCK) {
        heap.kernels.filterGradientBlock(
          address(positionsAt + start),
          count,
          address(tapsAt + t),
          address(start * n + c),
          address(n),
          address(outAt + t * channels + c),
          address(channels),
          start > 0 ? 1 : 0,
        )
      }
    }
  }
  const out = new Float32Array(patch * n)
  for (let t = 0; t < patch; t++) out.set(heap.floats.subarray(outAt + t * channels, outAt + t * channels + n), t * n)
  return out
}

/**
 * Conv2DBackpropInput as patchGrad = dy · filterᵀ, chunk by chunk of output
 * positions, each chunk added by scatterAddRuns into the padded input
 * gradient in row order (TF's Col2im), a stretch of contiguous taps at a
 * time: as `conv2dBackpropInputKernel`.
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
  const runs = contiguousRuns(tapOffsets(layout, image, patch))
  const runsAt = positionsAt + rows
  const heap = wasmHeap(4 * (runsAt + runs.length))
  if (heap === undefined) return undefined
  heap.floats.set(transposed(filter, patch, n, width), 0)
  heap.kernels.packPanels(address(0), address(panelsAt), n, width)
  heap.floats.fill(0, imageAt, imageAt + image.size)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, rows)
  heap.ints.set(runs, runsAt)
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start)
    heap.floats.set(dy.subarray(start * n, (start + count) * n), dyAt)
    heap.kernels.matMul(address(dyAt), address(panelsAt), address(colsAt), count, n, width, 0)
    heap.kernels.scatterAddRuns(
      address(colsAt),
      width,
      address(positionsAt + start),
      address(runsAt),
      runs.length / 2,
      count,
    )
  }
  return copyPaddedOut(heap, imageAt, layout, image)
}

/**
 * The byte offsets of the taps merged into runs of consecutive floats, as
 * (first offset, length) pairs in tap order: one run per filter row when
 * the columns are not dilated, one per tap's channels otherwise.
 */
function contiguousRuns(offsets: Int32Array): Int32Array {
  const runs: number[] = []
  for (let k = 0; k < offsets.length; k++) {
    const last = runs.length - 2
    if (last >= 0 && offsets[k] === runs[last]! + address(runs[last + 1]!)) runs[last + 1]!++
    else runs.push(offsets[k]!, 1)
  }
  return Int32Array.from(runs)
}
