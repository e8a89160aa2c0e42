import type { TypedArray } from '../dtype'
import { tensorStorage } from '../storage/tensorStorage'
import type { MatrixView } from './matMulRegion'
import { compileKernels } from './wasm/wasmModule'
import type { CompiledKernels } from './wasm/wasmModule'
import type { WasmKernels } from './wasm/wasmExports'

// The one heap the WebAssembly kernels share, and the helpers that move
// float32 data in and out of it. Every function here may be called at any
// time: the module compiles on first use, and where the engine cannot run it
// the answer is false or undefined, never an exception.

/** An instance of the kernels module over its own memory, and that memory as floats and as 32-bit integers. */
export interface WasmHeap {
  readonly kernels: WasmKernels
  readonly floats: Float32Array
  readonly ints: Int32Array
}

const PAGE_BYTES = 65536
// Pointers are 32-bit; kernels whose data passes 2 GB stay in TypeScript.
const MAX_HEAP_BYTES = 2 ** 31

// undefined: not compiled yet; null: this engine has no WebAssembly SIMD.
let compiled: CompiledKernels | null | undefined
let heap: WasmHeap | undefined

function compiledKernels(): CompiledKernels | null {
  if (compiled === undefined) compiled = compileKernels()
  return compiled
}

/** True when this engine runs the WebAssembly kernels and `bytes` of data fit their heap. */
export function canUseWasm(bytes: number): boolean {
  return compiledKernels() !== null && bytes <= MAX_HEAP_BYTES
}

/**
 * A heap of at least `bytes`, kept for the next kernel, or undefined when
 * `canUseWasm(bytes)` is false. A kernel needing more gets a new memory, at
 * least twice as big, rather than growing the old one: growing detaches the
 * old ArrayBuffer, and the first detach in a process makes V8 compile every
 * typed-array access with extra checks from then on, slowing all the
 * TypeScript kernels.
 */
export function wasmHeap(bytes: number): WasmHeap | undefined {
  if (heap !== undefined && heap.floats.byteLength >= bytes) return heap
  const kernels = compiledKernels()
  if (kernels === null || bytes > MAX_HEAP_BYTES) return undefined
  const { api, module } = kernels
  const doubled = Math.min(2 * (heap?.floats.byteLength ?? 0), MAX_HEAP_BYTES)
  const memory = new api.Memory({ initial: Math.ceil(Math.max(bytes, doubled) / PAGE_BYTES) })
  const instance = new api.Instance(module, { env: { memory } })
  heap = { kernels: instance.exports, floats: new Float32Array(memory.buffer), ints: new Int32Array(memory.buffer) }
  return heap
}

/** The byte address the WebAssembly kernels take for float index `at` of the heap. */
export const address = (at: number): number => 4 * at

/** `count` float32 values rounded up to whole f32x4 vectors, as the SIMD kernels read and write them. */
export const toVectors = (count: number): number => (count + 3) & ~3

/** Copies float32 `values` into the heap from float index `at`; throws a RangeError if they do not fit. */
export function copyIn(target: WasmHeap, at: number, values: TypedArray): void {
  target.floats.set(values, at)
}

/** Copies `rows` x `cols` of `view` into the heap from float index `at`, row-major. */
export function copyMatrixIn(target: WasmHeap, at: number, view: MatrixView, rows: number, cols: number): void {
  const { data, offset, rowStride, colStride } = view
  if (colStride === 1 && rowStride === cols) {
    target.floats.set(data.subarray(offset, offset + rows * cols), at)
    return
  }
  const to = target.floats
  for (let i = 0; i < rows; i++) {
    const row = at + i * cols
    for (let j = 0, from = offset + i * rowStride; j < cols; j++, from += colStride) to[row + j] = data[from]!
  }
}

/** The `length` floats of the heap from float index `at`, copied into new tensor storage. */
export function sliceOut(source: WasmHeap, at: number, length: number): Float32Array {
  return tensorStorage.copy('float32', source.floats.subarray(at, at + length))
}

/** Copies `length` floats of the heap from float index `at` into `out` from `offset`. */
export function copyOut(source: WasmHeap, at: number, length: number, out: Float32Array, offset = 0): void {
  out.set(source.floats.subarray(at, at + length), offset)
}
