import { allocate } from '../dtype'
import { ConfigError } from '../errors'
import { checkShape, sizeOf } from '../shape'
import { fromKernel } from '../tensor'
import type { Tensor } from '../tensor'
import type { Philox } from './philox'
import { uint32ToFloat } from './philoxSamples'
import { DTypeError, checkFinite, checkInteger, checkOptions, checkSeed, describe } from '@gradstream/core'
import { scaleAndShift } from './randomOptions'
import type { FloatStorage, RandomDType } from './randomOptions'
import { philoxForOp } from './tfSeeds'

/**
 * Options of {@link randomUniform}.
 * @example randomUniform([3], { minval: -1, maxval: 1, seed: 7 })
 */
export interface RandomUniformOptions {
  /** Lower bound, included; default 0. An int32 integer for `dtype: 'int32'`. */
  readonly minval?: number
  /**
   * Upper bound, excluded; default 1 for float dtypes, required for `int32`
   * (as in TF1). Must be greater than `minval`.
   */
  readonly maxval?: number
  /** Op seed (an integer): the same seed gives the same values, as TF1's `seed=` with no graph seed. */
  readonly seed?: number
  /** `float32` (default), `float64` or `int32`. */
  readonly dtype?: RandomDType | 'int32'
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

/** TF's `RandomUniformInt`: element k is `minval + word k mod (maxval − minval)`, the range as uint32. */
function fillUniformInt(generator: Philox, out: Int32Array, minval: number, range: number): void {
  for (let start = 0; start < out.length; start += 4) {
    const words = generator.next()
    const count = Math.min(4, out.length - start)
    for (let k = 0; k < count; k++) out[start + k] = minval + (words[k]! % range)
  }
}

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1

/**
 * Uniform values in [minval, maxval), TF1's `tf.random_uniform`: with the
 * same `seed` the float32 values equal TF1's bit for bit (Philox4x32-10, then
 * `rnd * (maxval - minval) + minval` in float32, the difference too). Each call
 * starts the stream afresh, like a new TF session. Without a seed, every call
 * differs and results are not reproducible. `float64` uses the same float32
 * draws (a 2⁻²³ grid) and double arithmetic for the scaling.
 *
 * `dtype: 'int32'` is TF1's `RandomUniformInt`: element k is
 * `minval + (word k % (maxval − minval))` with word k the same Philox uint32
 * the float draw takes its mantissa from, so seeded values equal TF1's. As in
 * TF1, `maxval` must then be given, and the remainder is slightly biased
 * towards small values when the range does not divide 2³².
 *
 * @example
 * randomUniform([2], { seed: 1 }).toArray() // [0.2390373945236206, 0.92039954662323]
 * @example
 * randomUniform([4], { maxval: 2 ** 23, dtype: 'int32', seed: 1 }).toArray() // [2005191, 7720871, 423729, 4158606]
 */
export function randomUniform(shape: readonly number[], options: RandomUniformOptions = {}): Tensor {
  checkShape('randomUniform', shape)
  checkOptions('randomUniform', options, OPTION_KEYS)
  const { minval = 0, maxval, seed, dtype = 'float32' } = options
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    throw new DTypeError('randomUniform', `dtype must be float32, float64 or int32, got ${describe(dtype)}`)
  }
  if (dtype === 'int32') {
    if (maxval === undefined) throw new ConfigError('randomUniform', 'maxval must be given for dtype int32, as in TF1')
    checkInteger('randomUniform', 'minval', minval, INT32_MIN, INT32_MAX)
    checkInteger('randomUniform', 'maxval', maxval, INT32_MIN, INT32_MAX)
  }
  const upper = maxval ?? 1
  checkFinite('randomUniform', 'minval', minval)
  checkFinite('randomUniform', 'maxval', upper)
  if (!(minval < upper)) {
    throw new ConfigError('randomUniform', `minval must be less than maxval, got minval ${minval}, maxval ${upper}`)
  }
  checkSeed('randomUniform', seed)
  if (dtype === 'int32') {
    const values = allocate(dtype, sizeOf(shape))
    fillUniformInt(philoxForOp(seed), values, minval, upper - minval)
    return fromKernel(values, shape, dtype)
  }
  const values = allocate(dtype, sizeOf(shape))
  fillUnitUniform(philoxForOp(seed), values)
  // TF converts both bounds to float32 tensors and subtracts them in float32.
  const range = dtype === 'float32' ? Math.fround(Math.fround(upper) - Math.fround(minval)) : upper - minval
  scaleAndShift(values, range, minval)
  return fromKernel(values, shape, dtype)
}
