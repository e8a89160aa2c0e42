import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assembleWat } from '../../../scripts/assembleWat'
import { KERNELS_WASM_BASE64 } from './kernelsModule'

describe('the WebAssembly kernels module', () => {
  it('is kernels.wat assembled: run `pnpm --filter @gradstream/tensor wasm` after editing the .wat file', async () => {
    const source = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8')
    const assembled = Buffer.from(await assembleWat(source)).toString('base64')
    expect(KERNELS_WASM_BASE64).toBe(assembled)
  })
})
