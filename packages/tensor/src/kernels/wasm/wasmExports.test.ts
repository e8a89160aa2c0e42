import wabtInit from 'wabt'
import { describe, expect, it } from 'vitest'
import { WASM_EXPORT_ARITY } from './wasmExports'
import { kernelsModuleBytes } from './wasmModule'
import type { WasmApi, WasmModuleEntry } from './wasmModule'

const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
const module = new api.Module(kernelsModuleBytes())
const entries = (list: readonly WasmModuleEntry[]) =>
  list.map(({ module: from, name, kind }) => `${from === undefined ? '' : `${from}.`}${name}: ${kind}`).sort()

describe('the WebAssembly kernels module against WasmKernels', () => {
  it('exports a function for every declared kernel and nothing else', () => {
    const declared = Object.keys(WASM_EXPORT_ARITY).map((name) => `${name}: function`)
    expect(entries(api.Module.exports(module))).toEqual(declared.sort())
  })

  it('gives every export the number of parameters WasmKernels declares', () => {
    const instance = new api.Instance(module, { env: { memory: new api.Memory({ initial: 1 }) } })
    const arities = Object.fromEntries(
      Object.keys(WASM_EXPORT_ARITY).map((name) => [name, lengthOf(instance.exports, name)]),
    )
    expect(arities).toEqual(WASM_EXPORT_ARITY)
  })

  it('gives every export only i32 parameters and no result, as (...args: number[]) => void says', async () => {
    const wabt = await wabtInit()
    const binary = wabt.readWasm(kernelsModuleBytes(), { simd: true })
    try {
      expect(signatures(binary.toText({}))).toEqual(
        Object.fromEntries(
          Object.entries(WASM_EXPORT_ARITY).map(([name, arity]) => [name, `(param${' i32'.repeat(arity)})`]),
        ),
      )
    } finally {
      binary.destroy()
    }
  })

  it('imports nothing but the memory the heap provides', () => {
    expect(entries(api.Module.imports(module))).toEqual(['env.memory: memory'])
  })
})

function lengthOf(exports: object, name: string): number | undefined {
  const value = (exports as Record<string, unknown>)[name]
  return typeof value === 'function' ? value.length : undefined
}

/** Each export's parameter and result list, as the disassembly of the module writes it. */
function signatures(text: string): Record<string, string> {
  const exported = [...text.matchAll(/\(export "(\w+)" \(func (\d+)\)\)/g)]
  return Object.fromEntries(
    exported.map(([, name, index]) => {
      const line = new RegExp(`\\(func \\(;${index};\\) \\(type \\d+\\) (.*)$`, 'm').exec(text)
      return [name, line?.[1] ?? 'not found']
    }),
  )
}
