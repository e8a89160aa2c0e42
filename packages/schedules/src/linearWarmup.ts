import { f32 } from './float32'
import { checkNonNegative, checkOptions, checkPositive } from '@gradstream/core'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Options of {@link linearWarmup}.
 * @example linearWarmup({ initialLearningRate: 0, peakLearningRate: 0.1, warmupSteps: 100 })
 */
export interface LinearWarmupOptions {
  /** The rate at step 0; default 0. */
  readonly initialLearningRate?: number
  /** The rate reached at `warmupSteps` and kept after. */
  readonly peakLearningRate: number
  /** Steps of the ramp. */
  readonly warmupSteps: number
}

const KNOWN = ['initialLearningRate', 'peakLearningRate', 'warmupSteps']

/**
 * A straight ramp from `initialLearningRate` to `peakLearningRate` over
 * `warmupSteps`, then constant at the peak (optax's `linear_schedule`).
 * TF1 has no warmup schedule to follow, so the ramp is computed in double and
 * rounded once to float32: both ends are exactly the float32 rates given.
 * Join it with a decay using {@link joinSchedules}.
 *
 * @example
 * const lr = linearWarmup({ peakLearningRate: 0.1, warmupSteps: 4 })
 * [0, 1, 2, 4, 9].map((s) => lr(s).toFixed(3)) // ['0.000', '0.025', '0.050', '0.100', '0.100']
 */
export function linearWarmup(options: LinearWarmupOptions): Schedule {
  checkOptions('linearWarmup', options, KNOWN)
  const { initialLearningRate = 0, peakLearningRate, warmupSteps } = options
  checkNonNegative('linearWarmup', 'initialLearningRate', initialLearningRate)
  checkNonNegative('linearWarmup', 'peakLearningRate', peakLearningRate)
  checkPositive('linearWarmup', 'warmupSteps', warmupSteps)
  return checkedSchedule('linearWarmup', (step) => {
    const done = Math.min(step, warmupSteps) / warmupSteps
    return done === 1
      ? f32(peakLearningRate)
      : f32(initialLearningRate + (peakLearningRate - initialLearningRate) * done)
  })
}
