import type { MatrixView } from './matMulRegion'
import { MAT_MUL_WASM_BASE64 } from './wasm/matMulModule'

// The parts of the WebAssembly API used here, typed locally: the ES lib this
// package compiles against has no WebAssembly types, and the DOM lib's would
// bring every browser global with them.
interface WasmMemory {
  readonly buffer: ArrayBuffer
}
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory
  readonly Instance: new (module: object, imports: object) => { readonly exports: MatMulExports }
}
interface MatMulExports {
  readonly packPanels: (b: number, panels: number, k: number, n: number) => void
  readonly matMul: (a: number, panels: number, out: number, m: number, k: number, n: number) => void
}

/** An instance of the module over its own memory, and that memory as floats. */
interface Heap {
  readonly exports: MatMulExports
  readonly floats: Float32Array
}

const PAGE_BYTES = 65536

// undefined: not compiled yet; null: this engine has no WebAssembly SIMD.
let compiled: { readonly api: WasmApi; readonly module: object } | null | undefined
let heap: Heap | undefined

function compile(): { readonly api: WasmApi; readonly module: object } | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  if (api === undefined) return null
  try {
    const bytes = Uint8Array.from(atob(MAT_MUL_WASM_BASE64), (c) => c.charCodeAt(0))
    return { api, module: new api.Module(bytes) }
  } catch {
    // Engines without SIMD reject the module; the TypeScript kernels serve there.
    return null
  }
}

// Byte offsets are 32-bit; products whose three matrices pass 2 GB stay in TypeScript.
const MAX_HEAP_BYTES = 2 ** 31

/** Bytes of memory a product needs: a, b, b packed and the output, one after another. */
const heapBytes = (m: number, k: number, n: number) => 4 * (m * k + 2 * k * n + m * n)

/** True when this engine runs WebAssembly SIMD and the product fits its memory. */
export function canMatMulInWasm(m: number, k: number, n: number): boolean {
  if (compiled === undefined) compiled = compile()
  return compiled !== null && heapBytes(m, k, n) <= MAX_HEAP_BYTES
}

/**
 * A heap of at least `bytes`, kept for the next product. A bigger product
 * gets a new memory, at least twice as big, rather than growing the old one:
 * growing detaches the old ArrayBuffer, and the first detach in a process
 * makes V8 compile every typed-array access with extra checks from then on,
 * slowing all the TypeScript kernels.
 */
function heapOf(bytes: number): Heap {
  if (heap !== undefined && heap.floats.byteLength >= bytes) return heap
  const { api, module } = compiled!
  const doubled = Math.min(2 * (heap?.floats.byteLength ?? 0), MAX_HEAP_BYTES)
  const pages = Math.ceil(Math.max(bytes, doubled) / PAGE_BYTES)
  const memory = new api.Memory({ initial: pages })
  const instance = new api.Instance(module, { env: { memory } })
  heap = { exports: instance.exports, floats: new Float32Array(memory.buffer) }
  return heap
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
  const { exports, floats } = heapOf(heapBytes(m, k, n))
  copyIn(a, m, k, floats, 0)
  copyIn(b, k, n, floats, bAt)
  exports.packPanels(4 * bAt, 4 * panelsAt, k, n)
  exports.matMul(0, 4 * panelsAt, 4 * outAt, m, k, n)
  out.set(floats.subarray(outAt, outAt + m * n), offset)
}
