import { ConfigError } from '@gradstream/tensor'

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value)
  }
  return Array.isArray(value) ? 'an array' : typeof value
}

/** Throws unless `options` is a plain object whose keys are all in `known`, naming the first unknown key. */
export function checkOptions(fn: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(fn, `options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ConfigError(fn, `unknown option '${key}' (known: ${known.join(', ')})`)
    }
  }
}

function checkNumber(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') throw new ConfigError(fn, `${name} must be a number, got ${describe(value)}`)
}

function checkFinite(fn: string, name: string, value: number): void {
  if (!Number.isFinite(value)) throw new ConfigError(fn, `${name} must be finite, got ${value}`)
}

/** Throws unless `value` is a finite number > 0 (NaN fails the comparison, so it is reported as not > 0). */
export function checkPositive(fn: string, name: string, value: unknown): void {
  checkNumber(fn, name, value)
  if (!(value > 0)) throw new ConfigError(fn, `${name} must be > 0, got ${value}`)
  checkFinite(fn, name, value)
}

/** Throws unless `value` is a finite number >= 0: learning rates, decay rates, alpha. */
export function checkNonNegative(fn: string, name: string, value: unknown): void {
  checkNumber(fn, name, value)
  if (!(value >= 0)) throw new ConfigError(fn, `${name} must be >= 0, got ${value}`)
  checkFinite(fn, name, value)
}

/** Throws unless `value` is a finite number in `[low, high]`. */
export function checkInRange(fn: string, name: string, value: unknown, low: number, high: number): void {
  checkNumber(fn, name, value)
  if (!(value >= low && value <= high)) throw new ConfigError(fn, `${name} must be in [${low}, ${high}], got ${value}`)
}

/** Throws unless `value` is a boolean. */
export function checkBoolean(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new ConfigError(fn, `${name} must be a boolean, got ${describe(value)}`)
}

/** Throws unless `values` is an array of finite, strictly increasing numbers. */
export function checkIncreasing(fn: string, name: string, values: unknown): asserts values is readonly number[] {
  if (!Array.isArray(values)) throw new ConfigError(fn, `${name} must be an array of numbers, got ${describe(values)}`)
  values.forEach((value: unknown, i) => {
    checkNumber(fn, `${name}[${i}]`, value)
    checkFinite(fn, `${name}[${i}]`, value)
  })
  const numbers: readonly number[] = values
  if (numbers.some((value, i) => i > 0 && !(value > numbers[i - 1]!))) {
    throw new ConfigError(fn, `${name} must be strictly increasing, got [${numbers.join(', ')}]`)
  }
}
