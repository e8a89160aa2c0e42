import type { WasmKernels } from './wasmExports'
import { KERNELS_WASM_BASE64 } from './kernelsModule'

// The parts of the WebAssembly API used here, typed locally: the ES lib this
// package compiles against has no WebAssembly types, and the DOM lib's would
// bring every browser global with them.

/** A WebAssembly.Memory: its bytes. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer
}

/** What WebAssembly.Module.exports and .imports list for each entry. */
export interface WasmModuleEntry {
  readonly module?: string
  readonly name: string
  readonly kind: string
}

/** The global `WebAssembly`, as far as the kernels use it. */
export interface WasmApi {
  readonly Module: {
    new (bytes: Uint8Array): object
    exports(module: object): readonly WasmModuleEntry[]
    imports(module: object): readonly WasmModuleEntry[]
  }
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory
  readonly Instance: new (module: object, imports: object) => { readonly exports: WasmKernels }
}

/** The compiled kernels module and the API that instantiates it. */
export interface CompiledKernels {
  readonly api: WasmApi
  readonly module: object
}

/** The bytes of kernels.wat as assembled by scripts/buildWasm.ts. */
export function kernelsModuleBytes(): Uint8Array {
  return Uint8Array.from(atob(KERNELS_WASM_BASE64), (c) => c.charCodeAt(0))
}

/** The kernels module compiled, or null where the engine has no WebAssembly or no SIMD. */
export function compileKernels(): CompiledKernels | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  if (api === undefined) return null
  try {
    return { api, module: new api.Module(kernelsModuleBytes()) }
  } catch {
    // Engines without SIMD reject the module; the TypeScript kernels serve there.
    return null
  }
}
