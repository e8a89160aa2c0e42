// The code each worker thread runs, as a string so that it needs no file of
// its own in either the sources or the bundle. It instantiates the kernels
// over the shared memory, says it is ready, then waits for calls: the main
// thread writes an export and its arguments into the worker's slot and bumps
// REQUEST; the worker runs the call and stores the same number in DONE.

/** Int32 positions in a worker's control slot. */
export const SLOT = { READY: 0, REQUEST: 1, DONE: 2, FAILED: 3, EXPORT: 4, ARG_COUNT: 5, ARGS: 6 } as const
/** Int32 words per worker slot: room for 10 arguments, more than any export takes. */
export const SLOT_WORDS = 16

/** The worker's source; its `workerData` is `{ module, memory, control, slot, exportNames }`. */
export const WORKER_SCRIPT = `
const { workerData } = process.getBuiltinModule('node:worker_threads')
const { module, memory, control, slot, exportNames } = workerData
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports
const words = new Int32Array(control, slot * ${SLOT_WORDS * 4}, ${SLOT_WORDS})
Atomics.store(words, ${SLOT.READY}, 1)
Atomics.notify(words, ${SLOT.READY})
let seen = 0
for (;;) {
  Atomics.wait(words, ${SLOT.REQUEST}, seen)
  seen = Atomics.load(words, ${SLOT.REQUEST})
  const args = Array.from(words.subarray(${SLOT.ARGS}, ${SLOT.ARGS} + words[${SLOT.ARG_COUNT}]))
  try {
    kernels[exportNames[words[${SLOT.EXPORT}]]](...args)
    words[${SLOT.FAILED}] = 0
  } catch {
    words[${SLOT.FAILED}] = 1
  }
  Atomics.store(words, ${SLOT.DONE}, seen)
  Atomics.notify(words, ${SLOT.DONE})
}
`
