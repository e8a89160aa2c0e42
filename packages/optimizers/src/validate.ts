import { ConfigError } from '@gradstream/tensor'
import type { Schedule } from '@gradstream/schedules'

/** A fixed learning rate, or a schedule evaluated at the number of updates already applied. */
export type LearningRate = number | Schedule

/**
 * The sign of a transformation's output: 1 for a direction (the scaleBy*
 * transformations), -1 for a descent update (the named optimizers). Negation
 * is exact, so folding it into a kernel rounds exactly like `scale(-1)` after.
 */
export type Sign = 1 | -1

/** Throws unless every key of `options` is one of `known`, so a misspelt option never passes silently. */
export function checkOptionKeys(fn: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined) return
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(fn, `options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ConfigError(fn, `unknown option '${key}'; known options are ${known.join(', ')}`)
    }
  }
}

/** Throws unless `value` is a finite number >= 0. */
export function checkNonNegative(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(fn, `${name} must be a finite number >= 0, got ${describe(value)}`)
  }
}

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(fn, `${name} must be a finite number > 0, got ${describe(value)}`)
  }
}

/** Throws unless `value` is a finite number. */
export function checkFinite(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(fn, `${name} must be a finite number, got ${describe(value)}`)
  }
}

/** Throws unless `value` lies in [0, 1): a decay rate that still forgets. */
export function checkDecayRate(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ConfigError(fn, `${name} must be in [0, 1), got ${describe(value)}`)
  }
}

/** Throws unless `value` is a boolean. */
export function checkBoolean(fn: string, name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw new ConfigError(fn, `${name} must be a boolean, got ${describe(value)}`)
}

/** Throws unless `rate` (named `name` in the message) is a finite number >= 0 or a schedule function. */
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

/** A short description of a value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/** Validates a learning rate given as an option (not as the first argument). */
export function resolveOptionalRate(fn: string, learningRate: LearningRate | undefined): LearningRate {
  if (learningRate === undefined) return 1
  checkLearningRate(fn, learningRate)
  return learningRate
}
