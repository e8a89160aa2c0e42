import { ConfigError } from '@gradstream/tensor'
import { checkIncreasing } from './options'
import type { Schedule } from './schedule'

/**
 * Runs `schedules[0]` until `boundaries[0]`, then `schedules[1]` until
 * `boundaries[1]`, and so on (optax's `join_schedules`). At and after a
 * boundary the next schedule starts from its own step 0: it sees
 * `step − boundary`.
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
    throw new ConfigError('joinSchedules', 'schedules must be a non-empty array of schedules')
  }
  schedules.forEach((schedule: unknown, i) => {
    if (typeof schedule !== 'function') {
      throw new ConfigError('joinSchedules', `schedules[${i}] must be a function of the step, got ${typeof schedule}`)
    }
  })
  checkIncreasing('joinSchedules', 'boundaries', boundaries)
  if (boundaries.length !== schedules.length - 1) {
    throw new ConfigError(
      'joinSchedules',
      `needs one boundary fewer than schedules, got ${schedules.length} schedules and ${boundaries.length} boundaries`,
    )
  }
  if (boundaries.length > 0 && boundaries[0]! < 0) {
    throw new ConfigError('joinSchedules', `boundaries must be >= 0, got [${boundaries.join(', ')}]`)
  }
  return (step) => {
    let i = boundaries.length - 1
    while (i >= 0 && step < boundaries[i]!) i--
    return i < 0 ? schedules[0]!(step) : schedules[i + 1]!(step - boundaries[i]!)
  }
}
