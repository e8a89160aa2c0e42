import { fill, randomNormal, truncatedNormal } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkFinite, checkNonNegative, checkOptions, checkSeed } from '@gradstream/core'
import { checkShape } from './sizeChecks'

/**
 * Makes a parameter tensor of `shape`. A `seed` given here (as `dense` and
 * `mlp` pass one per tensor) takes precedence over the initializer's own.
 *
 * @example
 * const halves: Initializer = (shape) => fill(shape, 0.5)
 * randomNormalInit()([2, 1], 1).shape // [2, 1]
 */
export type Initializer = (shape: readonly number[], seed?: number) => Tensor

/**
 * Options of the normal initializers.
 * @example truncatedNormalInit({ stddev: 0.1, seed: 7 } satisfies NormalInitOptions)
 */
export interface NormalInitOptions {
  /** Default 0. */
  readonly mean?: number
  /** Default 1, as TF1's `random_normal_initializer` and `tf.random_normal`. */
  readonly stddev?: number
  /** Op seed used when the caller passes none; without any seed the values are not reproducible. */
  readonly seed?: number
}

const NORMAL_KEYS = ['mean', 'stddev', 'seed']

/** Checks what an initializer is called with, naming the initializer, before it allocates anything. */
export function checkCall(fn: string, shape: unknown, seed: unknown): void {
  checkShape(fn, 'shape', shape)
  checkSeed(fn, seed)
}

function checkNormalOptions(fn: string, options: NormalInitOptions): void {
  checkOptions(fn, options, NORMAL_KEYS)
  // Defaults by destructuring: only undefined means omitted (?? would let null through).
  const { mean = 0, stddev = 1 } = options
  checkFinite(fn, 'mean', mean)
  checkNonNegative(fn, 'stddev', stddev)
  checkSeed(fn, options.seed)
}

/**
 * Normally distributed values, TF1's `tf.random_normal(shape, mean, stddev, seed)`,
 * bit for bit for the same seed.
 *
 * @example
 * randomNormalInit({ seed: 1 })([2, 1]).toArray() // [[-0.8113182187080383], [1.4845987558364868]] (the seed's w1)
 */
export function randomNormalInit(options: NormalInitOptions = {}): Initializer {
  checkNormalOptions('randomNormalInit', options)
  const { mean = 0, stddev = 1, seed } = options
  return (shape, callSeed) => {
    checkCall('randomNormalInit', shape, callSeed)
    return randomNormal(shape, { mean, stddev, seed: callSeed ?? seed })
  }
}

/**
 * Normal values redrawn until within two standard deviations of the mean,
 * TF1's `tf.truncated_normal`, bit for bit for the same seed.
 *
 * @example
 * truncatedNormalInit({ stddev: 0.1, seed: 2 })([2, 2]).shape // [2, 2], every |value| < 0.2
 */
export function truncatedNormalInit(options: NormalInitOptions = {}): Initializer {
  checkNormalOptions('truncatedNormalInit', options)
  const { mean = 0, stddev = 1, seed } = options
  return (shape, callSeed) => {
    checkCall('truncatedNormalInit', shape, callSeed)
    return truncatedNormal(shape, { mean, stddev, seed: callSeed ?? seed })
  }
}

/**
 * All zeros, Keras's default for biases.
 *
 * @example
 * zerosInit()([3]).toArray() // [0, 0, 0]
 */
export function zerosInit(): Initializer {
  return (shape, callSeed) => {
    checkCall('zerosInit', shape, callSeed)
    return fill(shape, 0)
  }
}

/**
 * Every element `value`, as `tf.constant(value, shape=shape)`; the seed's biases use 0.1.
 *
 * @example
 * constantInit(0.1)([2]).toArray() // [0.10000000149011612, 0.10000000149011612] (0.1 in float32)
 */
export function constantInit(value: number): Initializer {
  checkFinite('constantInit', 'value', value)
  return (shape, callSeed) => {
    checkCall('constantInit', shape, callSeed)
    return fill(shape, value)
  }
}
