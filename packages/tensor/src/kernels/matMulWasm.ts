import type { MatrixView } from './matMulRegion'
import { canUseWasm, wasmHeap } from './wasmHeap'

/** Bytes of heap a product needs: a, b, b packed and the output, one after another. */
const heapBytes = (m: number, k: number, n: number) => 4 * (m * k + 2 * k * n + m * n)

/** True when this engine runs WebAssembly SIMD and the product fits its heap. */
export function canMatMulInWasm(m: number, k: number, n: number): boolean {
  return canUseWasm(heapBytes(m, k, n))
}

/** Copies `rows` x `cols` of `view` into `to` at `at`, row-major. */
function copyIn(view: MatrixView, rows: number, cols: number, to: Float32Array, at: number): void {
  const { data, offset, rowStride, colStride } = view
  if (colStride === 1 && rowStride === cols) {
    to.set(data.subarray(offset, offset + rows * cols), at)
    return
  }
  for (let i = 0; i < rows; i++) {
    const row = at + i * cols
    for (let j = 0, from = offset + i * rowStride; j < cols; j++, from += colStride) to[row + j] = data[from]!
  }
}

/**
 * `out[offset ...]` = a (m x k) times b (k x n) in WebAssembly SIMD, each
 * output the sequential float32 sum over p from 0, bit for bit what the
 * TypeScript kernels give. Call only when `canMatMulInWasm(m, k, n)`.
 */
export function matMulWasmFloat32(
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
  offset: number,
  [m, k, n]: readonly [number, number, number],
): void {
  const bAt = m * k
  const panelsAt = bAt + k * n
  const outAt = panelsAt + k * n
  const { kernels, floats } = wasmHeap(heapBytes(m, k, n))
  copyIn(a, m, k, floats, 0)
  copyIn(b, k, n, floats, bAt)
  kernels.packPanels(4 * bAt, 4 * panelsAt, k, n)
  kernels.matMul(0, 4 * panelsAt, 4 * outAt, m, k, n)
  out.set(floats.subarray(outAt, outAt + m * n), offset)
}
