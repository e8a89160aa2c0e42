// tfjs's WebAssembly backend, loaded from the .wasm files its npm package ships (no download). Workloads compare
// with it beside the cpu backend: switch with `tf.setBackend('wasm')` / `tf.setBackend('cpu')` and create each
// backend's tensors while it is active.
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm'

const require = createRequire(import.meta.url)

let ready: Promise<void> | undefined

/** Registers tfjs's wasm backend with its SIMD module on one thread; resolves once it can run ops. */
export function prepareTfjsWasm(): Promise<void> {
  ready ??= (async () => {
    const distFolder = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))
    setWasmPaths(`${distFolder}/`)
    setThreadsCount(1)
    const active = tf.getBackend()
    await tf.setBackend('wasm')
    await tf.ready()
    if (active !== undefined) await tf.setBackend(active)
  })()
  return ready
}

/** Runs `body` with `backend` active and restores the backend that was active before. */
export function withTfjsBackend<T>(backend: 'cpu' | 'wasm', body: () => T): T {
  const active = tf.getBackend()
  tf.setBackend(backend)
  try {
    return body()
  } finally {
    tf.setBackend(active)
  }
}
