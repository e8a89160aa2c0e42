import { checkFunction, ConfigError, describe } from '@gradstream/core'
import { readIncreasing } from './readIncreasing'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Runs `schedules[0]` until `boundaries[0]`, then `schedules[1]` until
 * `boundaries[1]`, and so on (optax's `join_schedules`). At and after a
 * boundary the next schedule starts from its own step 0: it sees
 * `step − boundary`. Both arrays are copied: changing them afterwards does
 * not change the joined schedule.
 *
 * @example
 * const lr = joinSchedules(
 *   [linearWarmup({ peakLearningRate: 0.1, warmupSteps: 10 }), cosineDecay({ learningRate: 0.1, decaySteps: 90 })],
 *   [10],
 * )
 * [lr(5), lr(10), lr(100)].map((r) => r.toFixed(3)) // ['0.050', '0.100', '0.000']
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  if (!Array.isArray(schedules) || schedules.length === 0) {
    throw new ConfigError(
      'joinSchedules',
      `schedules must be a non-empty array of functions, got ${describe(schedules)}`,
    )
  }
  schedules.forEach((schedule: unknown, i) => checkFunction('joinSchedules', `schedules[${i}]`, schedule))
  const parts = Object.freeze(schedules.slice())
  const steps = readIncreasing('joinSchedules', 'boundaries', boundaries)
  if (steps.length !== parts.length - 1) {
    throw new ConfigError(
      'joinSchedules',
      `needs one boundary fewer than schedules, got ${parts.length} schedules and ${steps.length} boundaries`,
    )
  }
  if (steps.length > 0 && steps[0]! < 0) {
    throw new ConfigError('joinSchedules', `boundaries must be >= 0, got [${steps.join(', ')}]`)
  }
  return checkedSchedule('joinSchedules', (step) => {
    let i = steps.length - 1
    while (i >= 0 && step < steps[i]!) i--
    return i < 0 ? parts[0]!(step) : parts[i + 1]!(step - steps[i]!)
  })
}
