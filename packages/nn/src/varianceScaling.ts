import { randomUniform, truncatedNormal } from '@gradstream/tensor'
import { checkOptions, checkSeed } from '@gradstream/core'
import type { Initializer } from './initializers'
import { checkCall } from './initializers'
import { checkShape } from './sizeChecks'

/**
 * Options of the variance-scaling initializers.
 * @example glorotUniform({ seed: 3 } satisfies VarianceScalingOptions)
 */
export interface VarianceScalingOptions {
  /** Op seed used when the caller passes none; without any seed the values are not reproducible. */
  readonly seed?: number
}

/**
 * The fan-in and fan-out of a weight of `shape`, TF's `_compute_fans`: a
 * matrix [in, out] gives [in, out]; a convolution kernel multiplies both by
 * its receptive field; a vector [n] gives [n, n] and a scalar [1, 1].
 *
 * @example
 * computeFans([3, 3, 16, 32]) // [144, 288]
 */
export function computeFans(shape: readonly number[]): readonly [fanIn: number, fanOut: number] {
  checkShape('computeFans', 'shape', shape)
  if (shape.length === 0) return [1, 1]
  if (shape.length === 1) return [shape[0]!, shape[0]!]
  const receptiveField = shape.slice(0, -2).reduce((acc, d) => acc * d, 1)
  return [shape[shape.length - 2]! * receptiveField, shape[shape.length - 1]! * receptiveField]
}

function checkVarianceOptions(fn: string, options: VarianceScalingOptions): void {
  checkOptions(fn, options, ['seed'])
  checkSeed(fn, options.seed)
}

/**
 * Glorot (Xavier) uniform: values uniform in `[−limit, limit)` with
 * `limit = √(6 / (fanIn + fanOut))`, TF1's `glorot_uniform_initializer`
 * (the default kernel initializer of `tf.layers.dense` and Keras).
 *
 * @example
 * glorotUniform({ seed: 1 })([2, 3]).shape // [2, 3], every |value| < √(6 / 5)
 */
export function glorotUniform(options: VarianceScalingOptions = {}): Initializer {
  checkVarianceOptions('glorotUniform', options)
  return (shape, callSeed) => {
    checkCall('glorotUniform', shape, callSeed)
    const [fanIn, fanOut] = computeFans(shape)
    // TF1's VarianceScaling(scale=1, mode='fan_avg', distribution='uniform'), computed in double as Python does.
    const limit = Math.sqrt(3 * (1 / Math.max(1, (fanIn + fanOut) / 2)))
    return randomUniform(shape, { minval: -limit, maxval: limit, seed: callSeed ?? options.seed })
  }
}

// The standard deviation of a unit normal truncated at ±2 (scipy.stats.truncnorm.std(-2, 2)), as TF divides by it.
const TRUNCATED_STDDEV = 0.87962566103423978

/**
 * He normal: a normal truncated at two standard deviations with
 * `stddev = √(2 / fanIn) / 0.8796…` (the correction makes the truncated
 * spread √(2 / fanIn)), TF's `he_normal` (TF ≥ 1.11 and Keras).
 *
 * @example
 * heNormal({ seed: 1 })([4, 3]).shape // [4, 3]
 */
export function heNormal(options: VarianceScalingOptions = {}): Initializer {
  checkVarianceOptions('heNormal', options)
  return (shape, callSeed) => {
    checkCall('heNormal', shape, callSeed)
    const [fanIn] = computeFans(shape)
    const stddev = Math.sqrt(2 / Math.max(1, fanIn)) / TRUNCATED_STDDEV
    return truncatedNormal(shape, { stddev, seed: callSeed ?? options.seed })
  }
}
