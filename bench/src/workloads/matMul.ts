import { matMul, tensor } from '@gradstream/tensor'
import * as tf from '@tensorflow/tfjs-core'
import { maxRelativeDifference, uniformFloats } from '../data'
import { GFLOPS } from '../workload'
import type { Workload, WorkloadCase } from '../workload'

const SIZES = [64, 256, 512, 1024]

function matMulCase(n: number): WorkloadCase {
  const a = uniformFloats(n * n, 1)
  const b = uniformFloats(n * n, 2)
  return {
    label: `N = ${n}`,
    work: 2 * n ** 3,
    // A 1024 product takes seconds in tfjs: fewer samples keep the whole run short.
    samples: n >= 1024 ? 5 : n >= 512 ? 7 : 11,
    gradstream: () => {
      const [x, y] = [tensor(a, [n, n]), tensor(b, [n, n])]
      return () => void matMul(x, y)
    },
    tfjs: () => {
      const [x, y] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])]
      return () => tf.tidy(() => void tf.matMul(x, y).dataSync())
    },
    check: () => {
      const expected = tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])).dataSync())
      const difference = maxRelativeDifference(matMul(tensor(a, [n, n]), tensor(b, [n, n])).dataSync(), expected)
      return difference > 1e-4 ? `products differ by up to ${difference.toExponential(2)}` : undefined
    },
  }
}

/** Square float32 matrix products; GFLOP/s counts 2 N^3 flops per product. */
export const matMulWorkload: Workload = {
  title: 'matMul, float32 [N, N] x [N, N]',
  metric: GFLOPS,
  cases: SIZES.map(matMulCase),
}
