import type { DType, TypedArray } from '../dtype'
import type { PoolLayout } from './layouts'
import type { MaxPoolResult } from './poolMax'
import { address, wasmHeap } from './wasmHeap'
import { windowSpans } from './windowSpans'

// Max pooling's two passes in WebAssembly: the scan for each window's
// maximum and its index, four channels at a time (f32x4 compares and
// selects), and the
// gradient's scatter of dy at those maxima. Both give the TypeScript kernels'
// results exactly: the scan takes the same element of every window (ties to
// the first, a NaN wins), the scatter adds in the same order with f32 adds.

// Below this many input elements the copies cost more than the scan saves.
const WASM_MIN_ELEMENTS = 1024
// The scan's last group of four channels reads and writes up to three lanes past the end.
const LANE_SLACK = 3

/** `maxPoolKernel` for float32 input of 1024 elements or more; undefined for what it computes itself. */
export function maxPoolWasm(x: TypedArray, layout: PoolLayout): MaxPoolResult | undefined {
  if (!(x instanceof Float32Array) || x.length < WASM_MIN_ELEMENTS) return undefined
  const { batch, inHeight, inWidth, channels, outHeight, outWidth } = layout
  const rows = windowSpans(outHeight, layout.strideHeight, layout.padTop, layout.windowHeight, inHeight)
  const columns = windowSpans(outWidth, layout.strideWidth, layout.padLeft, layout.windowWidth, inWidth)
  const outSize = batch * outHeight * outWidth * channels
  const rowsAt = x.length + LANE_SLACK
  const columnsAt = rowsAt + rows.length
  const valuesAt = columnsAt + columns.length
  const argmaxAt = valuesAt + outSize + LANE_SLACK
  const heap = wasmHeap(4 * (argmaxAt + outSize + LANE_SLACK))
  if (heap === undefined) return undefined
  heap.floats.set(x, 0)
  heap.ints.set(rows, rowsAt)
  heap.ints.set(columns, columnsAt)
  heap.kernels.maxPool(
    address(0),
    address(valuesAt),
    address(argmaxAt),
    address(rowsAt),
    address(columnsAt),
    batch,
    inHeight,
    inWidth,
    channels,
    outHeight,
    outWidth,
  )
  return {
    values: heap.floats.slice(valuesAt, valuesAt + outSize),
    argmax: heap.ints.slice(argmaxAt, argmaxAt + outSize),
  }
}

/** `maxPoolGradKernel` for float32 `dy` of 1024 elements or more; undefined for what it computes itself. */
export function maxPoolGradWasm(
  dy: TypedArray,
  argmax: TypedArray,
  inputSize: number,
  dtype: DType,
): TypedArray | undefined {
  if (dtype !== 'float32' || !(dy instanceof Float32Array) || !(argmax instanceof Int32Array)) return undefined
  if (dy.length < WASM_MIN_ELEMENTS) return undefined
  const argmaxAt = dy.length
  const dxAt = argmaxAt + argmax.length
  const heap = wasmHeap(4 * (dxAt + inputSize))
  if (heap === undefined) return undefined
  heap.floats.set(dy, 0)
  heap.ints.set(argmax, argmaxAt)
  heap.floats.fill(0, dxAt, dxAt + inputSize)
  heap.kernels.scatterAdd(address(0), address(argmaxAt), address(dxAt), argmax.length)
  return heap.floats.slice(dxAt, dxAt + inputSize)
}
