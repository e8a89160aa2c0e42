import { existsSync } from 'node:fs'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type * as Tensors from '@gradstream/tensor'
import { KERNELS_WASM_BASE64 } from '../packages/tensor/src/kernels/wasm/kernelsModule'

// Debian's chromium package, as for the dashboard's browser test; nothing is downloaded.
const CHROMIUM = '/usr/bin/chromium'
const present = existsSync(CHROMIUM)
const title = present
  ? '@gradstream/tensor in headless Chromium'
  : `@gradstream/tensor in headless Chromium: SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium)`

/** The tensor package from source as one browser script defining `gradstreamTensor`. */
async function tensorBundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('../packages/tensor/src/index.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'gradstreamTensor',
    platform: 'browser',
    conditions: ['@gradstream/source'], // sibling packages from source, as the other tests read them
    write: false,
  })
  return result.outputFiles[0]!.text
}

// What the bundle defines in the page, and the one WebAssembly call the page makes.
declare const gradstreamTensor: typeof Tensors
type WasmValidate = { readonly WebAssembly: { validate(bytes: Uint8Array): boolean } }

describe.skipIf(!present)(title, () => {
  it('compiles the WebAssembly SIMD matMul and multiplies bit for bit as the sequential float32 sums', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
    try {
      const page = await browser.newPage()
      await page.addScriptTag({ content: await tensorBundle() })
      const result = await page.evaluate((moduleBase64) => {
        const bytes = Uint8Array.from(atob(moduleBase64), (c) => c.charCodeAt(0))
        const [m, k, n] = [37, 65, 50]
        const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i) * 3)
        const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i) / 7)
        const product = gradstreamTensor.matMul(gradstreamTensor.tensor(a, [m, k]), gradstreamTensor.tensor(b, [k, n]))
        const actual = product.dataSync()
        let mismatches = 0
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0
            for (let p = 0; p < k; p++) sum = Math.fround(sum + Math.fround(a[i * k + p]! * b[p * n + j]!))
            if (!Object.is(sum, actual[i * n + j])) mismatches++
          }
        }
        const validates = (globalThis as unknown as WasmValidate).WebAssembly.validate(bytes)
        return { validates, shape: product.shape, mismatches }
      }, KERNELS_WASM_BASE64)
      expect(result).toEqual({ validates: true, shape: [37, 50], mismatches: 0 })
    } finally {
      await browser.close()
    }
  })
})
