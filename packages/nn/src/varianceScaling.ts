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

// The standard deviation of a unit normal truncated at ±2 (scipy.stats.truncnorm.std(-2, 2)), as TF divides by it.
const TRUNCATED_STDDEV = 0.87962566103423978

/** TF1's `VarianceScaling` modes: which fan the variance is divided by. */
type FanMode = 'fanIn' | 'fanAvg'

/** TF1's `VarianceScaling` distributions used by the named initializers. */
type Distribution = 'truncatedNormal' | 'uniform'

/**
 * TF1's `VarianceScaling(scale, mode, distribution)` as an initializer named
 * `fn`: the variance `scale / max(1, n)` for `n` the fan `mode` picks, reached
 * by a normal truncated at ±2 stddevs with `stddev = √variance / 0.8796…` or a
 * uniform on `±√(3 · variance)`. Computed in double, as Python does, before
 * the draw rounds to float32.
 */
function varianceScaling(
  fn: string,
  scale: number,
  mode: FanMode,
  distribution: Distribution,
  options: VarianceScalingOptions,
): Initializer {
  checkVarianceOptions(fn, options)
  return (shape, callSeed) => {
    checkCall(fn, shape, callSeed)
    const [fanIn, fanOut] = computeFans(shape)
    const variance = scale / Math.max(1, mode === 'fanIn' ? fanIn : (fanIn + fanOut) / 2)
    const seed = callSeed ?? options.seed
    if (distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance)
      return randomUniform(shape, { minval: -limit, maxval: limit, seed })
    }
    return truncatedNormal(shape, { stddev: Math.sqrt(variance) / TRUNCATED_STDDEV, seed })
  }
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
  return varianceScaling('glorotUniform', 1, 'fanAvg', 'uniform', options)
}

/**
 * Glorot (Xavier) normal: a normal truncated at two standard deviations with
 * `stddev = √(2 / (fanIn + fanOut)) / 0.8796…`, so that the spread after
 * truncation is `√(2 / (fanIn + fanOut))`; TF1's `glorot_normal_initializer`
 * (`VarianceScaling(1, 'fan_avg', 'truncated_normal')`, TF ≥ 1.11 and Keras).
 *
 * @example
 * glorotNormal({ seed: 1 })([3, 3, 16, 32]).shape // [3, 3, 16, 32]: fans 144 and 288, spread √(2 / 432)
 */
export function glorotNormal(options: VarianceScalingOptions = {}): Initializer {
  return varianceScaling('glorotNormal', 1, 'fanAvg', 'truncatedNormal', options)
}

/**
 * He normal: a normal truncated at two standard deviations with
 * `stddev = √(2 / fanIn) / 0.8796…` (the correction makes the truncated
 * spread √(2 / fanIn)), TF's `he_normal` (TF ≥ 1.11 and Keras).
 *
 * @example
 * heNormal({ seed: 1 })([4, 3]).shape // [4, 3]
 */
export function heNormal(options: VarianceScalingOptions = {}): Initializer {
  return varianceScaling('heNormal', 2, 'fanIn', 'truncatedNormal', options)
}

/**
 * He uniform: values uniform in `[−limit, limit)` with `limit = √(6 / fanIn)`,
 * TF1's `he_uniform` (`VarianceScaling(2, 'fan_in', 'uniform')`).
 *
 * @example
 * heUniform({ seed: 1 })([6, 2]).shape // [6, 2], values in [−1, 1): limit √(6 / 6)
 */
export function heUniform(options: VarianceScalingOptions = {}): Initializer {
  return varianceScaling('heUniform', 2, 'fanIn', 'uniform', options)
}

/**
 * LeCun normal: a normal truncated at two standard deviations with
 * `stddev = √(1 / fanIn) / 0.8796…`, TF1's `lecun_normal`
 * (`VarianceScaling(1, 'fan_in', 'truncated_normal')`, TF ≥ 1.11 and Keras).
 *
 * @example
 * lecunNormal({ seed: 1 })([4, 3]).shape // [4, 3]: spread √(1 / 4)
 */
export function lecunNormal(options: VarianceScalingOptions = {}): Initializer {
  return varianceScaling('lecunNormal', 1, 'fanIn', 'truncatedNormal', options)
}

/**
 * LeCun uniform: values uniform in `[−limit, limit)` with `limit = √(3 / fanIn)`,
 * TF1's `lecun_uniform` (`VarianceScaling(1, 'fan_in', 'uniform')`).
 *
 * @example
 * lecunUniform({ seed: 1 })([3, 5]).shape // [3, 5], values in [−1, 1): limit √(3 / 3)
 */
export function lecunUniform(options: VarianceScalingOptions = {}): Initializer {
  return varianceScaling('lecunUniform', 1, 'fanIn', 'uniform', options)
}
