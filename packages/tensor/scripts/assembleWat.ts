import wabtInit from 'wabt'

/** The WebAssembly binary of a text-format module (SIMD enabled), validated. */
export async function assembleWat(source: string): Promise<Uint8Array> {
  const wabt = await wabtInit()
  const module = wabt.parseWat('module.wat', source, { simd: true })
  try {
    module.validate()
    return module.toBinary({}).buffer
  } finally {
    module.destroy()
  }
}
