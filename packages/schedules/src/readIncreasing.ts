import { checkFinite, ConfigError, describe } from '@gradstream/core'

/**
 * Checks that `values` is an array of finite, strictly increasing numbers
 * (schedule boundaries) and returns a frozen copy, so changing the caller's
 * array afterwards changes no schedule.
 */
export function readIncreasing(fn: string, name: string, values: unknown): readonly number[] {
  if (!Array.isArray(values)) throw new ConfigError(fn, `${name} must be an array of numbers, got ${describe(values)}`)
  const numbers = values.map((value: unknown, i) => {
    checkFinite(fn, `${name}[${i}]`, value)
    return value
  })
  if (numbers.some((value, i) => i > 0 && !(value > numbers[i - 1]!))) {
    throw new ConfigError(fn, `${name} must be strictly increasing, got [${numbers.join(', ')}]`)
  }
  return Object.freeze(numbers)
}
