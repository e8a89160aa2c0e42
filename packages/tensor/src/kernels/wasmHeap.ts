import { KERNELS_WASM_BASE64 } from './wasm/kernelsModule'

// The parts of the WebAssembly API used here, typed locally: the ES lib this
// package compiles against has no WebAssembly types, and the DOM lib's would
// bring every browser global with them.
interface WasmMemory {
  readonly buffer: ArrayBuffer
}
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory
  readonly Instance: new (module: object, imports: object) => { readonly exports: WasmKernels }
}

/** The functions of kernels.wat; every pointer is a byte offset into the heap. */
export interface WasmKernels {
  readonly sumBlocks: (values: number, out: number, blocks: number, size: number) => void
  readonly packPanels: (b: number, panels: number, k: number, n: number) => void
  readonly matMul: (a: number, panels: number, out: number, m: number, k: number, n: number) => void
}

/** An instance of the module over its own memory, and that memory as floats. */
export interface WasmHeap {
  readonly kernels: WasmKernels
  readonly floats: Float32Array
}

const PAGE_BYTES = 65536
// Pointers are 32-bit; kernels whose data passes 2 GB stay in TypeScript.
const MAX_HEAP_BYTES = 2 ** 31

// undefined: not compiled yet; null: this engine has no WebAssembly SIMD.
let compiled: { readonly api: WasmApi; readonly module: object } | null | undefined
let heap: WasmHeap | undefined

function compile(): { readonly api: WasmApi; readonly module: object } | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  if (api === undefined) return null
  try {
    const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (c) => c.charCodeAt(0))
    return { api, module: new api.Module(bytes) }
  } catch {
    // Engines without SIMD reject the module; the TypeScript kernels serve there.
    return null
  }
}

/** True when this engine runs the WebAssembly kernels and `bytes` of data fit their heap. */
export function canUseWasm(bytes: number): boolean {
  if (compiled === undefined) compiled = compile()
  return compiled !== null && bytes <= MAX_HEAP_BYTES
}

/**
 * A heap of at least `bytes`, kept for the next kernel; call only when
 * `canUseWasm(bytes)`. A kernel needing more gets a new memory, at least
 * twice as big, rather than growing the old one: growing detaches the old
 * ArrayBuffer, and the first detach in a process makes V8 compile every
 * typed-array access with extra checks from then on, slowing all the
 * TypeScript kernels.
 */
export function wasmHeap(bytes: number): WasmHeap {
  if (heap !== undefined && heap.floats.byteLength >= bytes) return heap
  const { api, module } = compiled!
  const doubled = Math.min(2 * (heap?.floats.byteLength ?? 0), MAX_HEAP_BYTES)
  const memory = new api.Memory({ initial: Math.ceil(Math.max(bytes, doubled) / PAGE_BYTES) })
  const instance = new api.Instance(module, { env: { memory } })
  heap = { kernels: instance.exports, floats: new Float32Array(memory.buffer) }
  return heap
}
