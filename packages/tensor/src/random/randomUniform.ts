import { allocate } from '../dtype'
import { ConfigError } from '../errors'
import { checkShape, sizeOf } from '../shape'
import { fromKernel } from '../tensor'
import type { Tensor } from '../tensor'
import type { Philox } from './philox'
import { uint32ToFloat } from './philoxSamples'
import { checkFinite, checkOptions, checkSeed } from '@gradstream/core'
import { checkRandomDType, scaleAndShift } from './randomOptions'
import type { FloatStorage, RandomDType } from './randomOptions'
import { philoxForOp } from './tfSeeds'

/**
 * Options of {@link randomUniform}.
 * @example randomUniform([3], { minval: -1, maxval: 1, seed: 7 })
 */
export interface RandomUniformOptions {
  /** Lower bound, included; default 0. */
  readonly minval?: number
  /** Upper bound, excluded; default 1. Must be greater than `minval`. */
  readonly maxval?: number
  /** Op seed (an integer): the same seed gives the same values, as TF1's `seed=` with no graph seed. */
  readonly seed?: number
  /** `float32` (default) or `float64`. */
  readonly dtype?: RandomDType
}

const OPTION_KEYS = ['minval', 'maxval', 'seed', 'dtype']

/** TF's `RandomUniform`: element k is `Uint32ToFloat` of word k of the Philox stream. */
function fillUnitUniform(generator: Philox, out: FloatStorage): void {
  for (let start = 0; start < out.length; start += 4) {
    const words = generator.next()
    const count = Math.min(4, out.length - start)
    for (let k = 0; k < count; k++) out[start + k] = uint32ToFloat(words[k]!)
  }
}

/**
 * Uniform values in [minval, maxval), TF1's `tf.random_uniform`: with the
 * same `seed` the float32 values equal TF1's bit for bit (Philox4x32-10, then
 * `rnd * (maxval - minval) + minval` in float32, the difference too). Each call
 * starts the stream afresh, like a new TF session. Without a seed, every call
 * differs and results are not reproducible. `float64` uses the same float32
 * draws (a 2⁻²³ grid) and double arithmetic for the scaling.
 *
 * @example
 * randomUniform([2], { seed: 1 }).toArray() // [0.2390373945236206, 0.92039954662323]
 */
export function randomUniform(shape: readonly number[], options: RandomUniformOptions = {}): Tensor {
  checkShape('randomUniform', shape)
  checkOptions('randomUniform', options, OPTION_KEYS)
  const { minval = 0, maxval = 1, seed, dtype = 'float32' } = options
  checkFinite('randomUniform', 'minval', minval)
  checkFinite('randomUniform', 'maxval', maxval)
  if (!(minval < maxval)) {
    throw new ConfigError('randomUniform', `minval must be less than maxval, got minval ${minval}, maxval ${maxval}`)
  }
  checkSeed('randomUniform', seed)
  checkRandomDType('randomUniform', dtype)
  const values = allocate(dtype, sizeOf(shape))
  fillUnitUniform(philoxForOp(seed), values)
  // TF converts both bounds to float32 tensors and subtracts them in float32.
  const range = dtype === 'float32' ? Math.fround(Math.fround(maxval) - Math.fround(minval)) : maxval - minval
  scaleAndShift(values, range, minval)
  return fromKernel(values, shape, dtype)
}
