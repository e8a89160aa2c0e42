import wabtInit from 'wabt'

// The kernels import one memory. Threads need it shared, which requires a
// declared maximum: 32768 pages is the 2 GB heap the kernels address at most.
const MEMORY_IMPORT = '(import "env" "memory" (memory 1))'
const SHARED_MEMORY_IMPORT = '(import "env" "memory" (memory 1 32768 shared))'

/** The WebAssembly binary of a text-format module (SIMD and threads enabled), validated. */
export async function assembleWat(source: string): Promise<Uint8Array> {
  const wabt = await wabtInit()
  const features = { simd: true, threads: true }
  const module = wabt.parseWat('module.wat', source, features)
  try {
    // wabt's validate takes the features too (its typings omit the parameter): without them it refuses shared memory.
    const validate: (this: typeof module, options: typeof features) => void = module.validate
    validate.call(module, features)
    return module.toBinary({}).buffer
  } finally {
    module.destroy()
  }
}

/** The same kernels over a shared memory, for the worker threads: only the memory import differs. */
export function sharedMemoryVariant(source: string): string {
  if (!source.includes(MEMORY_IMPORT)) throw new Error(`kernels.wat must import its memory as ${MEMORY_IMPORT}`)
  return source.replace(MEMORY_IMPORT, SHARED_MEMORY_IMPORT)
}
