import { checkNonNegative, ConfigError, describe } from '@gradstream/core'
import { f32 } from './float32'
import { readIncreasing } from './readIncreasing'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * TF1's `tf.train.piecewise_constant`: `values[0]` while `step <= boundaries[0]`,
 * `values[i]` while `boundaries[i - 1] < step <= boundaries[i]`, and the last
 * value after the last boundary. The switch happens *after* a boundary, as in
 * TF1 (optax's `piecewise_constant_schedule` switches at it).
 *
 * The values are float32 constants, as TF1 stores them. Both arrays are
 * copied: changing them afterwards does not change the schedule.
 *
 * @example
 * const lr = piecewiseConstant([100, 200], [1, 0.5, 0.25])
 * [lr(100), lr(101), lr(201)] // [1, 0.5, 0.25]
 */
export function piecewiseConstant(boundaries: readonly number[], values: readonly number[]): Schedule {
  const steps = readIncreasing('piecewiseConstant', 'boundaries', boundaries)
  if (!Array.isArray(values)) {
    throw new ConfigError('piecewiseConstant', `values must be an array of numbers, got ${describe(values)}`)
  }
  if (values.length !== steps.length + 1) {
    throw new ConfigError(
      'piecewiseConstant',
      `values must have one more entry than boundaries, got ${steps.length} boundaries and ${values.length} values`,
    )
  }
  values.forEach((value: unknown, i) => checkNonNegative('piecewiseConstant', `values[${i}]`, value))
  const rates = Object.freeze(values.map(f32))
  return checkedSchedule('piecewiseConstant', (step) => {
    const interval = steps.findIndex((boundary) => step <= boundary)
    return rates[interval === -1 ? steps.length : interval]!
  })
}
