// The thread engine's worker when this package runs from its TypeScript source (its tests, the repository's
// examples and benchmarks): Node 20 does not pass a program's module loader on to worker threads, so the worker
// registers tsx itself before loading the TypeScript worker and, through it, run modules written in TypeScript.
import { register } from 'tsx/esm/api'

register()
const { default: runInThread } = await import('./threadWorker.ts')

export default runInThread
