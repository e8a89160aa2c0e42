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
// A call passes exactly its export's parameters, read from the table, with
// no array built per call. Even so a call costs a worker more than the
// calling thread (measured: hundreds of 1 µs calls took 30-60% more CPU time
// there), so tasks are made of few long calls.

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

// invoke(f, arity, call): a switch with one case per arity, each passing that many words of the call.
const arityCases = Array.from({ length: MAX_ARGS + 1 }, (_, arity) => {
  const words = Array.from({ length: arity }, (_, i) => `words[call + ${CALL.ARGS + i}]`).join(', ')
  return `    case ${arity}: return f(${words})`
}).join('\n')

/** The worker's source; its `workerData` is `{ module, memory, control, slot, workers, exportNames, arities }`. */
export const WORKER_SCRIPT = `
const { workerData } = process.getBuiltinModule('node:worker_threads')
const { module, memory, control, slot, workers, exportNames, arities } = workerData
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports
const words = new Int32Array(control)
const at = ${CONTROL.SLOTS} + slot * ${SLOT_WORDS}
const tasksAt = ${tasksAt(0)} + workers * ${SLOT_WORDS}
const callsAt = tasksAt + ${MAX_TASKS * TASK_WORDS}
Atomics.store(words, at + ${SLOT.READY}, 1)
Atomics.notify(words, at + ${SLOT.READY})
const exports = exportNames.map((name) => kernels[name])
function invoke(f, arity, call) {
  switch (arity) {
${arityCases}
  }
}
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
// The work lives in functions rather than the script's top level, for V8 to optimize.
function runTask(t) {
  const task = tasksAt + t * ${TASK_WORDS}
  try {
    for (let c = words[task + ${TASK.FIRST}]; c < words[task + ${TASK.END}]; c++) {
      const call = callsAt + c * ${CALL_WORDS}
      const e = words[call + ${CALL.EXPORT}]
      invoke(exports[e], arities[e], call)
    }
  } catch {
    // The rest of a failed task is skipped: its later calls may depend on the failed one.
    Atomics.store(words, ${CONTROL.FAILED}, 1)
  }
  Atomics.add(words, ${CONTROL.FINISHED}, 1)
  Atomics.notify(words, ${CONTROL.FINISHED})
}
function serve() {
  let seen = 0
  for (;;) {
    Atomics.wait(words, at + ${SLOT.REQUEST}, seen)
    seen = Atomics.load(words, at + ${SLOT.REQUEST})
    for (let t = takeTask(seen); t >= 0; t = takeTask(seen)) runTask(t)
  }
}
serve()
`
