import { checkNonNegative } from '@gradstream/core'

/**
 * A learning-rate schedule: the rate to use at optimizer step `step`
 * (0 for the first update, as TensorFlow's `global_step` before its increment).
 *
 * @example
 * const halfEveryTenSteps: Schedule = exponentialDecay({ learningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true })
 * halfEveryTenSteps(25) // 0.02500000037252903 (0.025 in float32)
 */
export type Schedule = (step: number) => number

/**
 * `rate` as a schedule that refuses a step that is not a finite number >= 0,
 * naming `fn`, so a bad step is an error rather than a NaN rate.
 */
export function checkedSchedule(fn: string, rate: Schedule): Schedule {
  return (step) => {
    checkNonNegative(fn, 'step', step)
    return rate(step)
  }
}
