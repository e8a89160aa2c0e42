import { allocate } from '../dtype'
import type { TypedArray } from '../dtype'
import type { MatMulLayout } from './layouts'
import { forEachProduct } from './matMul'
import { splitRange, TASKS_PER_THREAD, threadsFor } from './threads/taskRunner'
import { runOnThreads, threadedHeap } from './threads/threadPool'
import type { KernelTask } from './threads/threadPool'
import { address, copyMatrixIn, copyOut } from './wasmHeap'

/**
 * The batched float32 product on every thread of the pool: the operands are
 * copied into the shared heap and `b` packed once, then each thread runs the
 * WebAssembly `matMul` on runs of rows, taking the next run until none is
 * left. Every output element is the same sequential float32 sum as on one
 * thread, so the bits do not depend on the thread count. Undefined for small
 * products, other dtypes, or without a pool.
 */
export function matMulThreaded(a: TypedArray, b: TypedArray, layout: MatMulLayout): Float32Array | undefined {
  const { m, k, n, batches } = layout
  if (!(a instanceof Float32Array) || m < 4) return undefined
  const threads = threadsFor(m * k * n)
  if (threads < 2) return undefined
  // a, b, b packed and the output, one after another, as on one thread.
  const heap = threadedHeap(4 * (m * k + 2 * k * n + m * n))
  if (heap === undefined) return undefined
  const bAt = m * k
  const panelsAt = bAt + k * n
  const outAt = panelsAt + k * n
  // Runs of an even number of rows but the last: the kernel pairs rows.
  const tasks: KernelTask[] = splitRange(m, threads * TASKS_PER_THREAD, 2).map(([start, end]) => [
    { name: 'matMul', args: [address(start * k), address(panelsAt), address(outAt + start * n), end - start, k, n, 0] },
  ])
  const out = allocate('float32', batches * m * n)
  forEachProduct(a, b, layout, (left, right, offset) => {
    copyMatrixIn(heap, 0, left, m, k)
    copyMatrixIn(heap, bAt, right, k, n)
    heap.kernels.packPanels(address(bAt), address(panelsAt), k, n)
    runOnThreads(tasks)
    copyOut(heap, outAt, m * n, out, offset)
  })
  return out
}
