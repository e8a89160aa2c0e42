import { KERNELS_SHARED_WASM_BASE64 } from '../wasm/kernelsModule'
import type { WasmKernels } from '../wasm/wasmExports'

// The kernels module over a shared memory, which the worker threads
// instantiate too. Typed locally, as wasmModule.ts types the plain module.

/** A shared WebAssembly.Memory: its bytes, growable in place (growth never detaches shared buffers). */
export interface SharedWasmMemory {
  readonly buffer: SharedArrayBuffer
  grow(pages: number): number
}

interface SharedWasmApi {
  readonly Module: new (bytes: Uint8Array) => object
  readonly Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => SharedWasmMemory
  readonly Instance: new (module: object, imports: object) => { readonly exports: WasmKernels }
}

/** The compiled shared-memory module, one memory for every thread, and the main thread's instance over it. */
export interface SharedKernels {
  readonly module: object
  readonly memory: SharedWasmMemory
  readonly kernels: WasmKernels
}

/** 64 KB, WebAssembly's page. */
export const PAGE_BYTES = 65536
/** The memory's declared maximum in kernels.wat's shared variant: the 2 GB the kernels address. */
export const MAX_PAGES = 32768

/** The shared kernels over a fresh memory of `pages`, or null where the engine lacks shared memory or SIMD. */
export function compileSharedKernels(pages: number): SharedKernels | null {
  const api = (globalThis as { WebAssembly?: SharedWasmApi }).WebAssembly
  if (api === undefined || typeof SharedArrayBuffer === 'undefined') return null
  try {
    const module = new api.Module(Uint8Array.from(atob(KERNELS_SHARED_WASM_BASE64), (c) => c.charCodeAt(0)))
    const memory = new api.Memory({ initial: pages, maximum: MAX_PAGES, shared: true })
    return { module, memory, kernels: new api.Instance(module, { env: { memory } }).exports }
  } catch {
    // No threads proposal, or shared memory withheld (a page without cross-origin isolation).
    return null
  }
}
