// The code each worker thread runs, as a string so that it needs no file of
// its own in either the sources or the bundle. It instantiates the kernels
// over the shared memory, says it is ready, then serves requests: the main
// thread writes a table of tasks, each a run of calls, and stores the
// request's number in the worker's REQUEST; every thread then takes the next
// task from the cursor and runs its calls in order, counting it in FINISHED,
// until no task is left. A thread the machine slows down simply takes
// fewer, and one that wakes after all tasks were taken takes none, so the
// main thread waits only for the tasks themselves, never for a worker to be
// scheduled. The cursor holds the request's number beside the next task's
// index, so a late worker cannot take a task of a later request by mistake.
// A call passes all MAX_ARGS words: a WebAssembly export ignores arguments
// past its parameters, and no array is built per call.

/** Int32 positions of the control block: the header, then the worker slots, the tasks and the calls. */
export const CONTROL = { CURSOR: 0, TASK_COUNT: 1, FAILED: 2, FINISHED: 3, SLOTS: 4 } as const
/** The cursor: the request's number (15 bits) above the next task's index. */
export const CURSOR_INDEX_BITS = 16
export const CURSOR_INDEX_MASK = (1 << CURSOR_INDEX_BITS) - 1
export const REQUEST_MASK = 0x7fff
/** Int32 positions in a worker's slot. */
export const SLOT = { READY: 0, REQUEST: 1 } as const
export const SLOT_WORDS = 4
/** Int32 positions in a task: its first call's index and one past its last. */
export const TASK = { FIRST: 0, END: 1 } as const
export const TASK_WORDS = 2
/** The most tasks and calls one request holds. */
export const MAX_TASKS = 1024
export const MAX_CALLS = 4096
/** The most arguments a call takes (maxPool's 11 and one spare). */
export const MAX_ARGS = 12
/** Int32 positions in a call: the export's index in `exportNames`, then its arguments. */
export const CALL = { EXPORT: 0, ARGS: 1 } as const
export const CALL_WORDS = 1 + MAX_ARGS

/** Where the task table starts, after the slots of `workers` workers. */
export const tasksAt = (workers: number): number => CONTROL.SLOTS + workers * SLOT_WORDS
/** Where the call table starts, after the tasks. */
export const callsAt = (workers: number): number => tasksAt(workers) + MAX_TASKS * TASK_WORDS
/** Int32 words of the whole control block. */
export const controlWords = (workers: number): number => callsAt(workers) + MAX_CALLS * CALL_WORDS

const argumentList = Array.from({ length: MAX_ARGS }, (_, i) => `words[call + ${CALL.ARGS + i}]`).join(', ')

/** The worker's source; its `workerData` is `{ module, memory, control, slot, workers, exportNames }`. */
export const WORKER_SCRIPT = `
const { workerData } = process.getBuiltinModule('node:worker_threads')
const { module, memory, control, slot, workers, exportNames } = workerData
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports
const words = new Int32Array(control)
const at = ${CONTROL.SLOTS} + slot * ${SLOT_WORDS}
const tasksAt = ${tasksAt(0)} + workers * ${SLOT_WORDS}
const callsAt = tasksAt + ${MAX_TASKS * TASK_WORDS}
Atomics.store(words, at + ${SLOT.READY}, 1)
Atomics.notify(words, at + ${SLOT.READY})
// The next task of request \`request\`, or -1 when none is left or a later request has begun.
function takeTask(request) {
  for (;;) {
    const cursor = Atomics.load(words, ${CONTROL.CURSOR})
    if (cursor >>> ${CURSOR_INDEX_BITS} !== request) return -1
    const t = cursor & ${CURSOR_INDEX_MASK}
    if (t >= words[${CONTROL.TASK_COUNT}]) return -1
    if (Atomics.compareExchange(words, ${CONTROL.CURSOR}, cursor, cursor + 1) === cursor) return t
  }
}
let seen = 0
for (;;) {
  Atomics.wait(words, at + ${SLOT.REQUEST}, seen)
  seen = Atomics.load(words, at + ${SLOT.REQUEST})
  for (let t = takeTask(seen); t >= 0; t = takeTask(seen)) {
    const task = tasksAt + t * ${TASK_WORDS}
    try {
      for (let c = words[task + ${TASK.FIRST}]; c < words[task + ${TASK.END}]; c++) {
        const call = callsAt + c * ${CALL_WORDS}
        kernels[exportNames[words[call + ${CALL.EXPORT}]]](${argumentList})
      }
    } catch {
      // The rest of a failed task is skipped: its later calls may depend on the failed one.
      Atomics.store(words, ${CONTROL.FAILED}, 1)
    }
    Atomics.add(words, ${CONTROL.FINISHED}, 1)
    Atomics.notify(words, ${CONTROL.FINISHED})
  }
}
`
