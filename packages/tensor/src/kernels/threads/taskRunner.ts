import { wasmHeap } from '../wasmHeap'
import type { WasmHeap } from '../wasmHeap'
import { availableThreads, runOnThreads, runTask, threadedHeap } from './threadPool'
import type { KernelTask } from './threadPool'

// How the WebAssembly kernels run work that may be split across threads:
// the caller splits its output into tasks (each written by one task alone,
// each output element computed whole by one task in the single-thread
// order), and the runner runs them on the pool over the shared heap, or one
// after another on the calling thread.

// A round trip to a worker measured 9-13 µs (tenth percentile and median of
// 2001, loaded 2-core machine), and 1-2 more tasks each cost little; a
// 128^3 product takes about 170 µs on one thread at 25 GFLOP/s, so the
// split saves several round trips' worth (measured: 429 -> 374 µs at 128,
// 760 -> 631 at 192 under load), while at 64^3 (about 20 µs) it would not.
export const THREADED_MIN_MULTIPLY_ADDS = 128 * 128 * 128

/**
 * Tasks per thread: a thread that another process slows down takes fewer
 * tasks and the others finish its share, instead of everyone waiting for it.
 */
export const TASKS_PER_THREAD = 4

/** The heap a kernel's tasks share and the way they run. */
export interface TaskRunner {
  readonly heap: WasmHeap
  readonly run: (tasks: readonly KernelTask[]) => void
}

/** How many threads work of `size` (multiply-adds unless told otherwise) runs on: the pool's from `threshold`, else 1. */
export function threadsFor(size: number, threshold = THREADED_MIN_MULTIPLY_ADDS): number {
  return size >= threshold ? availableThreads() : 1
}

/**
 * The shared heap and the pool for `threads` > 1, else (or past the shared
 * heap's 2 GB) the single-thread heap with the tasks run in order on the
 * calling thread; undefined where neither holds `bytes`. Tasks write
 * disjoint memory, so both give the same result.
 */
export function taskRunner(threads: number, bytes: number): TaskRunner | undefined {
  const shared = threads > 1 ? threadedHeap(bytes) : undefined
  if (shared !== undefined) return { heap: shared, run: runOnThreads }
  const heap = wasmHeap(bytes)
  return heap && { heap, run: (tasks) => tasks.forEach((task) => runTask(heap.kernels, task)) }
}

/** Splits [0, count) into at most `parts` ranges, each a multiple of `multiple` long but the last. */
export function splitRange(count: number, parts: number, multiple = 1): [number, number][] {
  if (count === 0) return []
  const step = multiple * Math.ceil(count / (multiple * Math.max(parts, 1)))
  const starts = Array.from({ length: Math.ceil(count / step) }, (_, i) => i * step)
  return starts.map((start) => [start, Math.min(count, start + step)])
}
