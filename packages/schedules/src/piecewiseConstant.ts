import { ConfigError } from '@gradstream/tensor'
import { f32 } from './float32'
import { checkIncreasing, checkNonNegative } from './options'
import type { Schedule } from './schedule'

/**
 * TF1's `tf.train.piecewise_constant`: `values[0]` while `step <= boundaries[0]`,
 * `values[i]` while `boundaries[i - 1] < step <= boundaries[i]`, and the last
 * value after the last boundary. The switch happens *after* a boundary, as in
 * TF1 (optax's `piecewise_constant_schedule` switches at it).
 *
 * The values are float32 constants, as TF1 stores them.
 *
 * @example
 * const lr = piecewiseConstant([100, 200], [1, 0.5, 0.25])
 * [lr(100), lr(101), lr(201)] // [1, 0.5, 0.25]
 */
export function piecewiseConstant(boundaries: readonly number[], values: readonly number[]): Schedule {
  checkIncreasing('piecewiseConstant', 'boundaries', boundaries)
  if (!Array.isArray(values) || values.length !== boundaries.length + 1) {
    const got = Array.isArray(values) ? `${values.length} values` : `values ${typeof values}`
    throw new ConfigError(
      'piecewiseConstant',
      `values must have one more entry than boundaries, got ${boundaries.length} boundaries and ${got}`,
    )
  }
  values.forEach((value, i) => checkNonNegative('piecewiseConstant', `values[${i}]`, value))
  const rates = values.map(f32)
  return (step) => {
    const interval = boundaries.findIndex((boundary) => step <= boundary)
    return rates[interval === -1 ? boundaries.length : interval]!
  }
}
