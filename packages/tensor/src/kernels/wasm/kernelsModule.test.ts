import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assembleWat, sharedMemoryVariant } from '../../../scripts/assembleWat'
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernelsModule'

describe('the WebAssembly kernels module', () => {
  const source = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8')
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

  it('is kernels.wat assembled: run `pnpm --filter @gradstream/tensor wasm` after editing the .wat file', async () => {
    expect(KERNELS_WASM_BASE64).toBe(base64(await assembleWat(source)))
  })

  it('has a shared-memory twin assembled from the same source, for the worker threads', async () => {
    expect(KERNELS_SHARED_WASM_BASE64).toBe(base64(await assembleWat(sharedMemoryVariant(source))))
  })
})
