import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assembleWat } from '../../../scripts/assembleWat'
import { MAT_MUL_WASM_BASE64 } from './matMulModule'

describe('the matMul WebAssembly module', () => {
  it('is matMul.wat assembled: run `pnpm --filter @gradstream/tensor wasm` after editing the .wat file', async () => {
    const source = readFileSync(new URL('./matMul.wat', import.meta.url), 'utf8')
    const assembled = Buffer.from(await assembleWat(source)).toString('base64')
    expect(MAT_MUL_WASM_BASE64).toBe(assembled)
  })
})
