import { ConfigError, describe } from '@gradstream/core'
import type { Schedule } from '@gradstream/schedules'

/**
 * A learning rate: a fixed finite number >= 0, or a schedule evaluated at the
 * number of updates already applied. Every optimizer and `train` take this
 * one type and validate it the same way; `Infinity` and NaN are refused.
 *
 * @example
 * const fixed: LearningRate = 0.01
 * const decaying: LearningRate = exponentialDecay({ learningRate: 0.1, decaySteps: 100, decayRate: 0.5 })
 * sgd(fixed); adam(decaying)
 */
export type LearningRate = number | Schedule

/**
 * Throws a ConfigError unless `rate` (named `name` in the message) is a
 * finite number >= 0 or a function (a schedule).
 *
 * @example checkLearningRate('sgd', Infinity) // ConfigError: sgd: learningRate must be a finite number >= 0 or a schedule, got Infinity
 */
export function checkLearningRate(fn: string, rate: unknown, name = 'learningRate'): asserts rate is LearningRate {
  if (typeof rate === 'function') return
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new ConfigError(fn, `${name} must be a finite number >= 0 or a schedule, got ${describe(rate)}`)
  }
}

/**
 * The learning rate for the update after `count` updates. A schedule is read
 * at `count`, the step before its increment, as TF1's `minimize(global_step)`
 * reads `global_step`; a bad value it returns is an error, not a silent NaN.
 */
export function rateAt(fn: string, schedule: LearningRate, count: number, name = 'learningRate'): number {
  if (typeof schedule === 'number') return schedule
  const rate: unknown = schedule(count)
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new ConfigError(
      fn,
      `the ${name} schedule returned ${describe(rate)} at step ${count}; expected a finite number >= 0`,
    )
  }
  return rate
}

/** Validates a learning rate given as an option (not as the first argument); omitted, it is 1. */
export function resolveOptionalRate(fn: string, learningRate: unknown): LearningRate {
  if (learningRate === undefined) return 1
  checkLearningRate(fn, learningRate)
  return learningRate
}
