import { checkInteger } from '@gradstream/core'
import type { WasmHeap } from '../wasmHeap'
import { WASM_EXPORT_ARITY } from '../wasm/wasmExports'
import type { WasmKernels } from '../wasm/wasmExports'
import { compileSharedKernels, MAX_PAGES, PAGE_BYTES } from './sharedKernels'
import type { SharedKernels } from './sharedKernels'
import {
  CALL,
  CALL_WORDS,
  callsAt,
  CONTROL,
  CURSOR_INDEX_BITS,
  CURSOR_INDEX_MASK,
  REQUEST_MASK,
  controlWords,
  MAX_ARGS,
  MAX_CALLS,
  MAX_TASKS,
  SLOT,
  SLOT_WORDS,
} from './workerScript'
import { TASK, TASK_WORDS, tasksAt, WORKER_SCRIPT } from './workerScript'

// Worker threads running the WebAssembly kernels over one shared memory. The
// pool starts on the first call that wants it, its workers are unref'd so
// they never keep a process alive, and wherever Node's worker_threads or
// shared memory are missing (browsers, or Node without them) every product
// runs on the calling thread. Node APIs are reached through
// process.getBuiltinModule so that the package imports nothing from Node.

interface WorkerHandle {
  unref(): void
  terminate(): Promise<number>
}
interface WorkerThreads {
  readonly Worker: new (
    script: string,
    options: { eval: true; workerData: unknown; execArgv: string[] },
  ) => WorkerHandle
}
interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown
}

/** One call of a kernels export, as a worker runs it: up to MAX_ARGS i32 arguments. */
export interface KernelCall {
  readonly name: keyof WasmKernels
  readonly args: readonly number[]
}

/** Calls that one thread runs in order, for work whose later calls read what earlier ones wrote. */
export type KernelTask = readonly KernelCall[]

interface Pool {
  readonly shared: SharedKernels
  readonly workers: readonly WorkerHandle[]
  readonly control: Int32Array
  heap: WasmHeap
}

const EXPORT_NAMES = Object.keys(WASM_EXPORT_ARITY) as (keyof WasmKernels)[]
const ARITIES = EXPORT_NAMES.map((name) => WASM_EXPORT_ARITY[name])
// A worker starts in tens of milliseconds; one that has not started in this long never will.
const START_TIMEOUT_MS = 10_000

let requested: number | undefined
// undefined: not started; null: threads unavailable here. The pool may hold
// more workers than the count now asks for: the extra ones stay idle.
let pool: Pool | null | undefined
let sequence = 0

function nodeBuiltin<T>(id: string): T | undefined {
  const node = (globalThis as { process?: NodeProcess }).process
  return node?.getBuiltinModule?.(id) as T | undefined
}

function defaultThreads(): number {
  return nodeBuiltin<{ availableParallelism(): number }>('node:os')?.availableParallelism() ?? 1
}

/**
 * Sets how many threads large matrix products and convolutions use,
 * counting the calling thread; the default is the number of cores. Results
 * are identical for any count: threads split the output, and every output
 * element is still computed by one thread in the same order. Where worker
 * threads or shared WebAssembly memory are unavailable (a browser page
 * without cross-origin isolation), everything runs on the calling thread
 * whatever the count. Lowering the count leaves the started workers idle
 * (they never keep the process alive), so raising it again back to their
 * number is immediate; raising it past them starts a new pool.
 *
 * @example
 * setThreads(1) // every product on the calling thread
 * getThreads() // 1
 */
export function setThreads(threads: number): void {
  checkInteger('setThreads', 'threads', threads, 1)
  if (pool === null || (pool && threads - 1 > pool.workers.length)) {
    for (const worker of pool?.workers ?? []) void worker.terminate()
    pool = undefined
  }
  requested = threads
}

/**
 * The thread count large products use: {@link setThreads}'s value, by default the number of cores.
 *
 * @example
 * setThreads(2)
 * getThreads() // 2
 */
export function getThreads(): number {
  requested ??= defaultThreads()
  return requested
}

function heapOver(shared: SharedKernels): WasmHeap {
  const { buffer } = shared.memory
  return { kernels: shared.kernels, floats: new Float32Array(buffer), ints: new Int32Array(buffer) }
}

const slotAt = (slot: number): number => CONTROL.SLOTS + slot * SLOT_WORDS

function startPool(threads: number): Pool | null {
  const workerThreads = nodeBuiltin<WorkerThreads>('node:worker_threads')
  const shared = workerThreads && compileSharedKernels(1)
  if (!workerThreads || !shared) return null
  const workers = threads - 1
  const control = new Int32Array(new SharedArrayBuffer(4 * controlWords(workers)))
  const { module, memory } = shared
  const handles = Array.from({ length: workers }, (_, slot) => {
    const worker = new workerThreads.Worker(WORKER_SCRIPT, {
      eval: true,
      // The worker runs plain JavaScript: none of the parent's flags or loaders, which slow its start.
      execArgv: [],
      workerData: {
        module,
        memory,
        control: control.buffer,
        slot,
        workers,
        exportNames: EXPORT_NAMES,
        arities: ARITIES,
      },
    })
    worker.unref()
    return worker
  })
  // Block until every worker has its instance: calls must not race their start.
  const started = handles.every(
    (_, slot) => Atomics.wait(control, slotAt(slot) + SLOT.READY, 0, START_TIMEOUT_MS) !== 'timed-out',
  )
  if (!started) {
    for (const worker of handles) void worker.terminate()
    return null
  }
  return { shared, workers: handles, control, heap: heapOver(shared) }
}

function activePool(): Pool | null {
  if (getThreads() === 1) return null
  if (pool === undefined) pool = startPool(getThreads())
  return pool
}

/** The workers that take part now: as many as the thread count asks for, the calling thread aside. */
const activeWorkers = (active: Pool): readonly WorkerHandle[] => active.workers.slice(0, getThreads() - 1)

/** How many threads a product can use right now: 1 until the pool can start. */
export function availableThreads(): number {
  const active = activePool()
  return active ? activeWorkers(active).length + 1 : 1
}

/**
 * The heap the worker threads share, holding at least `bytes`, or undefined
 * without a pool or past 2 GB. Growing a shared memory keeps its contents and
 * detaches nothing; only the views are renewed.
 */
export function threadedHeap(bytes: number): WasmHeap | undefined {
  const active = activePool()
  if (!active || bytes > MAX_PAGES * PAGE_BYTES) return undefined
  const { memory } = active.shared
  if (memory.buffer.byteLength < bytes) {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES))
    active.heap = heapOver(active.shared)
  }
  return active.heap
}

/** Runs the calls of `task` in order on the calling thread, over `kernels`. */
export function runTask(kernels: WasmKernels, task: KernelTask): void {
  // Every export takes i32 arguments only (WASM_EXPORT_ARITY counts them).
  for (const { name, args } of task) (kernels[name] as (...values: number[]) => void)(...args)
}

function writeTable(control: Int32Array, workers: number, tasks: readonly KernelTask[]): void {
  let call = 0
  tasks.forEach((task, t) => {
    control[tasksAt(workers) + t * TASK_WORDS + TASK.FIRST] = call
    for (const { name, args } of task) {
      if (args.length !== WASM_EXPORT_ARITY[name] || args.length > MAX_ARGS)
        throw new Error(`runOnThreads: ${name} with ${args.length} arguments`)
      const at = callsAt(workers) + call++ * CALL_WORDS
      control[at + CALL.EXPORT] = EXPORT_NAMES.indexOf(name)
      control.set(args, at + CALL.ARGS)
    }
    control[tasksAt(workers) + t * TASK_WORDS + TASK.END] = call
  })
  control[CONTROL.TASK_COUNT] = tasks.length
  control[CONTROL.FAILED] = 0
}

/**
 * `tasks` cut into rounds that fit the tables, run one after another: a
 * round holds the next slice of calls of each task of a group, so every
 * task's calls keep their order.
 */
function rounds(tasks: readonly KernelTask[]): (readonly KernelTask[])[] {
  const calls = tasks.reduce((count, task) => count + task.length, 0)
  if (tasks.length <= MAX_TASKS && calls <= MAX_CALLS) return [tasks]
  const cut: KernelTask[][] = []
  for (let first = 0; first < tasks.length; first += MAX_TASKS) {
    const group = tasks.slice(first, first + MAX_TASKS)
    const slice = Math.floor(MAX_CALLS / group.length)
    const longest = Math.max(...group.map((task) => task.length))
    for (let from = 0; from < longest; from += slice)
      cut.push(group.map((task) => task.slice(from, from + slice)).filter((part) => part.length > 0))
  }
  return cut
}

/**
 * Runs `tasks`, in any order and at once, on the calling thread and every
 * worker: each thread takes the next task not yet taken and runs its calls
 * in order, until none is left. Returns when all have finished. Different
 * tasks must write to disjoint memory.
 */
export function runOnThreads(tasks: readonly KernelTask[]): void {
  const active = activePool()
  if (!active) throw new Error('runOnThreads: no pool')
  for (const round of rounds(tasks)) runRound(active, round)
}

/** The next task of `request` for the calling thread, as the workers take theirs (workerScript.ts), or -1. */
function takeTask(control: Int32Array, request: number): number {
  for (;;) {
    const cursor = Atomics.load(control, CONTROL.CURSOR)
    const t = cursor & CURSOR_INDEX_MASK
    if (cursor >>> CURSOR_INDEX_BITS !== request || t >= control[CONTROL.TASK_COUNT]!) return -1
    if (Atomics.compareExchange(control, CONTROL.CURSOR, cursor, cursor + 1) === cursor) return t
  }
}

function runRound(active: Pool, tasks: readonly KernelTask[]): void {
  const { control, shared } = active
  writeTable(control, active.workers.length, tasks)
  control[CONTROL.FINISHED] = 0
  // Numbers 1 to REQUEST_MASK: a worker that has seen no request yet waits on 0.
  sequence = (sequence % REQUEST_MASK) + 1
  const request = sequence
  Atomics.store(control, CONTROL.CURSOR, request << CURSOR_INDEX_BITS)
  activeWorkers(active).forEach((_, slot) => {
    Atomics.store(control, slotAt(slot) + SLOT.REQUEST, request)
    Atomics.notify(control, slotAt(slot) + SLOT.REQUEST)
  })
  try {
    for (let t = takeTask(control, request); t >= 0; t = takeTask(control, request)) {
      try {
        runTask(shared.kernels, tasks[t]!)
      } finally {
        Atomics.add(control, CONTROL.FINISHED, 1)
      }
    }
  } finally {
    // Close the cursor, then wait for the tasks the workers took (all of them, unless a call here failed):
    // they must be done with the heap before anything reuses it.
    const taken = Atomics.exchange(control, CONTROL.CURSOR, (request << CURSOR_INDEX_BITS) | CURSOR_INDEX_MASK)
    const handedOut = Math.min(taken & CURSOR_INDEX_MASK, tasks.length)
    for (
      let done = Atomics.load(control, CONTROL.FINISHED);
      done < handedOut;
      done = Atomics.load(control, CONTROL.FINISHED)
    )
      Atomics.wait(control, CONTROL.FINISHED, done)
  }
  if (control[CONTROL.FAILED] === 1) throw new Error(`runOnThreads: a worker failed running ${tasks[0]![0]!.name}`)
}
