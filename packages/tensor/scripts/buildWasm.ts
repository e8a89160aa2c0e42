// Assembles src/kernels/wasm/kernels.wat into the base64 modules the
// WebAssembly kernels load: one over a plain memory, and the same code over a
// shared memory for the worker threads. Run `pnpm --filter @gradstream/tensor
// wasm` after editing the .wat file; a test fails while they disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { assembleWat, sharedMemoryVariant } from './assembleWat'

const source = new URL('../src/kernels/wasm/kernels.wat', import.meta.url)
const target = new URL('../src/kernels/wasm/kernelsModule.ts', import.meta.url)

const text = readFileSync(source, 'utf8')
const bytes = await assembleWat(text)
const sharedBytes = await assembleWat(sharedMemoryVariant(text))
const base64 = (binary: Uint8Array) => Buffer.from(binary).toString('base64')
writeFileSync(
  target,
  `// Generated from kernels.wat by scripts/buildWasm.ts: edit the .wat file and run \`pnpm --filter @gradstream/tensor wasm\`.\n` +
    `export const KERNELS_WASM_BASE64 =\n  '${base64(bytes)}'\n` +
    `// The same module importing a shared memory, for the worker threads.\n` +
    `export const KERNELS_SHARED_WASM_BASE64 =\n  '${base64(sharedBytes)}'\n`,
)
console.log(`wrote ${bytes.length} + ${sharedBytes.length} bytes of WebAssembly to src/kernels/wasm/kernelsModule.ts`)
