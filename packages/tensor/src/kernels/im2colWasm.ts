import { allocate } from '../dtype'
import type { TypedArray } from '../dtype'
import type { Conv2DLayout } from './layouts'
import { address, sliceOut } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

// The patch matrix as the WebAssembly kernels build it (gatherPanels,
// scatterAddRuns): the input is copied into the heap once with its padding
// made real, and element (position, tap) of the patch matrix is then the
// float at base(position) + offset(tap) of that padded image. Only the two
// short address tables are computed in TypeScript, one entry per position
// and one per tap, never one per element.

/** The zero-padded input's extent: every tap of every output position reads inside it. */
export interface PaddedImage {
  readonly height: number
  readonly width: number
  /** Floats of the whole padded batch. */
  readonly size: number
  /** True when the padded image is the input itself: no padding is read and nothing is left over. */
  readonly unpadded: boolean
}

/** The padded image a convolution reads: the input placed at (padTop, padLeft), zeros around it. */
export function paddedImage(layout: Conv2DLayout): PaddedImage {
  const { batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, outHeight, outWidth, padTop, padLeft } =
    layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = layout
  const height = Math.max(padTop + inHeight, (outHeight - 1) * strideHeight + (filterHeight - 1) * dilationHeight + 1)
  const width = Math.max(padLeft + inWidth, (outWidth - 1) * strideWidth + (filterWidth - 1) * dilationWidth + 1)
  const unpadded = padTop === 0 && padLeft === 0 && height === inHeight && width === inWidth
  return { height, width, size: batch * height * width * inChannels, unpadded }
}

/** Copies `x` into the heap from float index `at` as the padded image, zeros in the padding. */
export function copyPaddedIn(heap: WasmHeap, at: number, x: TypedArray, layout: Conv2DLayout, image: PaddedImage) {
  if (image.unpadded) {
    heap.floats.set(x, at)
    return
  }
  heap.floats.fill(0, at, at + image.size)
  forEachInputRow(layout, image, (from, to, length) => heap.floats.set(x.subarray(from, from + length), at + to))
}

/** The input-sized part of the padded image at float index `at` of the heap, as a new array. */
export function copyPaddedOut(heap: WasmHeap, at: number, layout: Conv2DLayout, image: PaddedImage): Float32Array {
  const { batch, inHeight, inWidth, inChannels } = layout
  if (image.unpadded) return sliceOut(heap, at, image.size)
  const out = allocate('float32', batch * inHeight * inWidth * inChannels)
  forEachInputRow(layout, image, (from, to, length) => out.set(heap.floats.subarray(at + to, at + to + length), from))
  return out
}

/** Calls `row(inputIndex, paddedIndex, length)` for each row of the input and where it sits in the padded image. */
function forEachInputRow(
  layout: Conv2DLayout,
  { height, width }: PaddedImage,
  row: (from: number, to: number, length: number) => void,
) {
  const { batch, inHeight, inWidth, inChannels, padTop, padLeft } = layout
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < inHeight; h++) {
      row(
        (b * inHeight + h) * inWidth * inChannels,
        ((b * height + h + padTop) * width + padLeft) * inChannels,
        inWidth * inChannels,
      )
    }
  }
}

/**
 * Writes at int index `to` of the heap the byte address of each output
 * position's window in the padded image at float index `at`, positions
 * (b, oh, ow) in row-major order, then up to `length` entries repeating the
 * first (columns of a last partial panel, whose results are dropped). The
 * table is as long as the output has positions, so WebAssembly writes it.
 */
export function writePositionAddresses(
  heap: WasmHeap,
  to: number,
  layout: Conv2DLayout,
  image: PaddedImage,
  at: number,
  length: number,
): void {
  const { batch, inChannels, outHeight, outWidth, strideHeight, strideWidth } = layout
  const pixelBytes = address(inChannels)
  const imageBytes = image.height * image.width * pixelBytes
  const rowBytes = strideHeight * image.width * pixelBytes
  heap.kernels.windowAddresses(
    address(to),
    address(at),
    batch,
    outHeight,
    outWidth,
    imageBytes,
    rowBytes,
    strideWidth * pixelBytes,
  )
  const positions = batch * outHeight * outWidth
  heap.ints.fill(address(at), to + positions, to + length)
}

/**
 * The byte offset of each filter tap (kh, kw, ic) from its window's start,
 * in row-major order, then zeros up to `length` entries.
 */
export function tapOffsets(layout: Conv2DLayout, image: PaddedImage, length: number): Int32Array {
  const { inChannels, filterHeight, filterWidth, dilationHeight, dilationWidth } = layout
  const offsets = new Int32Array(length)
  let k = 0
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const start = (kh * dilationHeight * image.width + kw * dilationWidth) * inChannels
      for (let ic = 0; ic < inChannels; ic++) offsets[k++] = address(start + ic)
    }
  }
  return offsets
}
