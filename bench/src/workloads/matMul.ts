import { matMul, setThreads, tensor } from '@gradstream/tensor'
import * as tf from '@tensorflow/tfjs-core'
import { maxRelativeDifference, uniformFloats } from '../data'
import { GFLOPS } from '../workload'
import type { Workload, WorkloadCase } from '../workload'

// The large sizes run on one thread and on two: the pool splits products
// from 128 x 128 x 128 multiply-adds on, so 64 is always one thread.
const CASES: [size: number, threads: number][] = [
  [64, 1],
  [256, 1],
  [256, 2],
  [512, 1],
  [512, 2],
  [1024, 1],
  [1024, 2],
]

function matMulCase([n, threads]: [number, number]): WorkloadCase {
  const a = uniformFloats(n * n, 1)
  const b = uniformFloats(n * n, 2)
  const tfjs = () => {
    const [x, y] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])]
    return () => tf.tidy(() => void tf.matMul(x, y).dataSync())
  }
  return {
    label: `N = ${n}, ${threads} thread${threads > 1 ? 's' : ''}`,
    work: 2 * n ** 3,
    // A 1024 product takes seconds in tfjs: fewer samples keep the whole run short.
    samples: n >= 1024 ? 5 : n >= 512 ? 7 : 11,
    gradstream: () => {
      const [x, y] = [tensor(a, [n, n]), tensor(b, [n, n])]
      setThreads(threads) // restarts the pool here, before the timed runs
      return () => void matMul(x, y)
    },
    tfjs,
    // Its single-threaded SIMD build: the same function, run with the wasm backend active.
    tfjsWasm: tfjs,
    check: () => {
      const expected = tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])).dataSync())
      const difference = maxRelativeDifference(matMul(tensor(a, [n, n]), tensor(b, [n, n])).dataSync(), expected)
      return difference > 1e-4 ? `products differ by up to ${difference.toExponential(2)}` : undefined
    },
  }
}

/**
 * Square float32 matrix products on one and two threads, beside tfjs-cpu and tfjs-wasm; GFLOP/s counts 2 N^3
 * flops per product.
 */
export const matMulWorkload: Workload = {
  title: 'matMul, float32 [N, N] x [N, N]',
  metric: GFLOPS,
  cases: CASES.map(matMulCase),
}
