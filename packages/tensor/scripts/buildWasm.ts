// Assembles src/kernels/wasm/kernels.wat into the base64 module the
// WebAssembly kernels load. Run `pnpm --filter @gradstream/tensor wasm` after
// editing the .wat file; a test fails while the two disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { assembleWat } from './assembleWat'

const source = new URL('../src/kernels/wasm/kernels.wat', import.meta.url)
const target = new URL('../src/kernels/wasm/kernelsModule.ts', import.meta.url)

const bytes = await assembleWat(readFileSync(source, 'utf8'))
const base64 = Buffer.from(bytes).toString('base64')
writeFileSync(
  target,
  `// Generated from kernels.wat by scripts/buildWasm.ts: edit the .wat file and run \`pnpm --filter @gradstream/tensor wasm\`.\nexport const KERNELS_WASM_BASE64 =\n  '${base64}'\n`,
)
console.log(`wrote ${bytes.length} bytes of WebAssembly to src/kernels/wasm/kernelsModule.ts`)
