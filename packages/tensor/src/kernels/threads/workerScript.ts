// The code each worker thread runs, as a string so that it needs no file of
// its own in either the sources or the bundle. It instantiates the kernels
// over the shared memory, says it is ready, then serves requests: the main
// thread writes a table of calls and bumps the worker's REQUEST; every thread
// then takes the next call from the table (an atomic cursor) until none is
// left, so a thread the machine slows down simply takes fewer, and the worker
// stores the request's number in its DONE.

/** Int32 positions of the control block: the shared call table's header, then the worker slots, then the calls. */
export const CONTROL = { CURSOR: 0, CALL_COUNT: 1, FAILED: 2, SLOTS: 4 } as const
/** Int32 positions in a worker's slot. */
export const SLOT = { READY: 0, REQUEST: 1, DONE: 2 } as const
export const SLOT_WORDS = 4
/** Int32 positions in a call: the export's index in `exportNames`, its argument count and up to 10 arguments. */
export const CALL = { EXPORT: 0, ARG_COUNT: 1, ARGS: 2 } as const
export const CALL_WORDS = 12

/** Where the call table starts, after the slots of `workers` workers. */
export const callsAt = (workers: number): number => CONTROL.SLOTS + workers * SLOT_WORDS

/** The worker's source; its `workerData` is `{ module, memory, control, slot, workers, exportNames }`. */
export const WORKER_SCRIPT = `
const { workerData } = process.getBuiltinModule('node:worker_threads')
const { module, memory, control, slot, workers, exportNames } = workerData
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports
const words = new Int32Array(control)
const at = ${CONTROL.SLOTS} + slot * ${SLOT_WORDS}
const callsAt = ${CONTROL.SLOTS} + workers * ${SLOT_WORDS}
Atomics.store(words, at + ${SLOT.READY}, 1)
Atomics.notify(words, at + ${SLOT.READY})
let seen = 0
for (;;) {
  Atomics.wait(words, at + ${SLOT.REQUEST}, seen)
  seen = Atomics.load(words, at + ${SLOT.REQUEST})
  const count = words[${CONTROL.CALL_COUNT}]
  for (let i = Atomics.add(words, ${CONTROL.CURSOR}, 1); i < count; i = Atomics.add(words, ${CONTROL.CURSOR}, 1)) {
    const call = callsAt + i * ${CALL_WORDS}
    const args = Array.from(words.subarray(call + ${CALL.ARGS}, call + ${CALL.ARGS} + words[call + ${CALL.ARG_COUNT}]))
    try {
      kernels[exportNames[words[call + ${CALL.EXPORT}]]](...args)
    } catch {
      Atomics.store(words, ${CONTROL.FAILED}, 1)
    }
  }
  Atomics.store(words, at + ${SLOT.DONE}, seen)
  Atomics.notify(words, at + ${SLOT.DONE})
}
`
