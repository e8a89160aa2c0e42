import type { TypedArray } from '../dtype'
import type { MatMulLayout } from './layouts'
import { forEachProduct } from './matMul'
import { availableThreads, runOnThreads, threadedHeap } from './threads/threadPool'
import type { KernelCall } from './threads/threadPool'
import { address, copyMatrixIn, copyOut } from './wasmHeap'

// A round trip to a worker measured 9-13 µs (tenth percentile and median of
// 2001, loaded 2-core machine), and 1-2 more runs of rows each cost little;
// a 128^3 product takes about 170 µs on one thread at 25 GFLOP/s, so the
// split saves several round trips' worth (measured: 429 -> 374 µs at 128,
// 760 -> 631 at 192 under load), while at 64^3 (about 20 µs) it would not.
export const THREADED_MIN_MULTIPLY_ADDS = 128 * 128 * 128

// Runs per thread: a thread that another process slows down takes fewer runs
// and the others finish its share, instead of everyone waiting for it.
const RUNS_PER_THREAD = 4

/** Splits rows [0, m) into at most `runs` runs, each an even number of rows but the last (the kernel pairs rows). */
export function rowRuns(m: number, runs: number): [number, number][] {
  const step = 2 * Math.ceil(m / (2 * runs))
  const starts = Array.from({ length: Math.ceil(m / step) }, (_, i) => i * step)
  return starts.map((start) => [start, Math.min(m, start + step)])
}

/**
 * The batched float32 product on every thread of the pool: the operands are
 * copied into the shared heap and `b` packed once, then each thread runs the
 * WebAssembly `matMul` on runs of rows, taking the next run until none is left. Every output element is the same
 * sequential float32 sum as on one thread, so the bits do not depend on the
 * thread count. Undefined for small products, other dtypes, or without a pool.
 */
export function matMulThreaded(a: TypedArray, b: TypedArray, layout: MatMulLayout): Float32Array | undefined {
  const { m, k, n, batches } = layout
  if (!(a instanceof Float32Array) || m * k * n < THREADED_MIN_MULTIPLY_ADDS || m < 4) return undefined
  const threads = availableThreads()
  if (threads < 2) return undefined
  // a, b, b packed and the output, one after another, as on one thread.
  const heap = threadedHeap(4 * (m * k + 2 * k * n + m * n))
  if (heap === undefined) return undefined
  const bAt = m * k
  const panelsAt = bAt + k * n
  const outAt = panelsAt + k * n
  const calls: KernelCall[] = rowRuns(m, threads * RUNS_PER_THREAD).map(([start, end]) => ({
    name: 'matMul',
    args: [address(start * k), address(panelsAt), address(outAt + start * n), end - start, k, n, 0],
  }))
  const out = new Float32Array(batches * m * n)
  forEachProduct(a, b, layout, (left, right, offset) => {
    copyMatrixIn(heap, 0, left, m, k)
    copyMatrixIn(heap, bAt, right, k, n)
    heap.kernels.packPanels(address(bAt), address(panelsAt), k, n)
    runOnThreads(calls)
    copyOut(heap, outAt, m * n, out, offset)
  })
  return out
}
