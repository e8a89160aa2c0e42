import { add, clipByValue, log, mean, mul, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import * as tf from '@tensorflow/tfjs-core'
import { uniformFloats } from '../data'
import { NS_PER_ELEMENT } from '../workload'
import type { Workload, WorkloadCase } from '../workload'

const SIZE = 1_000_000

const ours = (x: Tensor) => mean(clipByValue(log(add(mul(x, x), 1)), 0.1, 5))
const theirs = (x: tf.Tensor) => tf.mean(tf.clipByValue(tf.log(tf.add(tf.mul(x, x), 1)), 0.1, 5))

function chainCase(size: number): WorkloadCase {
  const values = uniformFloats(size, 3, -3, 3)
  const tfjs = () => {
    const x = tf.tensor1d(values)
    return () => tf.tidy(() => void theirs(x).dataSync())
  }
  return {
    label: `${size.toLocaleString('en-US')} elements`,
    work: size,
    samples: 15,
    gradstream: () => {
      const x = tensor(values)
      return () => void ours(x).item()
    },
    tfjs,
    tfjsWasm: tfjs,
    check: () => {
      const expected = tf.tidy(() => theirs(tf.tensor1d(values)).dataSync()[0]!)
      const actual = ours(tensor(values)).item()
      // gradstream sums in float32 one element after another, as TF1 does; tfjs sums in double, so over a
      // million elements the two means part in the fourth digit.
      return Math.abs(actual - expected) > 1e-2 * Math.abs(expected)
        ? `means differ: ${actual} vs ${expected}`
        : undefined
    },
  }
}

/** An elementwise chain and a reduction on a large tensor, in ns per input element. */
export const chainWorkload: Workload = {
  title: 'chain: mean(clipByValue(log(x * x + 1), 0.1, 5)), float32',
  metric: NS_PER_ELEMENT,
  cases: [chainCase(SIZE)],
}
