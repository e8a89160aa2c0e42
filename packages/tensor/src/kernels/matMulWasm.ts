import { allocate } from '../dtype'
import type { TypedArray } from '../dtype'
import type { MatMulLayout } from './layouts'
import { forEachProduct } from './matMul'
import type { MatrixView } from './matMulRegion'
import { matMulThreaded } from './matMulThreaded'
import { address, copyMatrixIn, copyOut, wasmHeap } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

// WebAssembly SIMD computes four float32 outputs per instruction, 10-16x the
// TypeScript loops from 16 x 16 x 16 on; copying the operands in and the
// product out costs about 100 ns, which the smallest products do not repay.
const WASM_MIN_MULTIPLY_ADDS = 512

/** Bytes of heap one product needs: a, b, b packed and the output, one after another. */
export const matMulHeapBytes = (m: number, k: number, n: number): number => 4 * (m * k + 2 * k * n + m * n)

/**
 * The batched product in WebAssembly SIMD for float32 products of 512 or
 * more multiply-adds per batch, on every thread of the pool for large
 * products (see matMulThreaded.ts); undefined for other dtypes, smaller products,
 * operands past the 2 GB heap and engines without SIMD, which the TypeScript
 * kernel computes.
 */
export function matMulWasm(a: TypedArray, b: TypedArray, layout: MatMulLayout): TypedArray | undefined {
  const { m, k, n, batches } = layout
  if (!(a instanceof Float32Array) || m * k * n < WASM_MIN_MULTIPLY_ADDS) return undefined
  const threaded = matMulThreaded(a, b, layout)
  if (threaded !== undefined) return threaded
  const heap = wasmHeap(matMulHeapBytes(m, k, n))
  if (heap === undefined) return undefined
  const out = allocate('float32', batches * m * n)
  forEachProduct(a, b, layout, (left, right, offset) => matMulWasmFloat32(heap, left, right, out, offset, [m, k, n]))
  return out
}

/**
 * `out[offset ...]` = a (m x k) times b (k x n) in WebAssembly SIMD, each
 * output the sequential float32 sum over p from 0, bit for bit what the
 * TypeScript kernels give. `heap` holds at least `matMulHeapBytes(m, k, n)`.
 */
export function matMulWasmFloat32(
  heap: WasmHeap,
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
  offset: number,
  [m, k, n]: readonly [number, number, number],
): void {
  const bAt = m * k
  const panelsAt = bAt + k * n
  const outAt = panelsAt + k * n
  copyMatrixIn(heap, 0, a, m, k)
  copyMatrixIn(heap, bAt, b, k, n)
  heap.kernels.packPanels(address(bAt), address(panelsAt), k, n)
  heap.kernels.matMul(address(0), address(panelsAt), address(outAt), m, k, n, 0)
  copyOut(heap, outAt, m * n, out, offset)
}
