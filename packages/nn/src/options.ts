import { ConfigError, Tensor } from '@gradstream/tensor'

/** A value as an error message shows it: strings quoted, arrays and objects by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : value instanceof Tensor ? 'a Tensor' : 'an object'
}

/** Throws unless `options` is a plain object whose keys are all in `known`, naming the first unknown key. */
export function checkOptions(fn: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(fn, `options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new ConfigError(fn, `unknown option '${key}' (known: ${known.join(', ')})`)
  }
}

/** Throws unless `seed` is undefined or a safe integer. */
export function checkSeed(fn: string, seed: unknown): asserts seed is number | undefined {
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new ConfigError(fn, `seed must be an integer, got ${describe(seed)}`)
  }
}

/** Throws unless `value` is a finite number (and >= 0 when `nonNegative`). */
export function checkFinite(fn: string, name: string, value: unknown, nonNegative = false): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(fn, `${name} must be a finite number, got ${describe(value)}`)
  }
  if (nonNegative && value < 0) throw new ConfigError(fn, `${name} must be >= 0, got ${value}`)
}

/** Throws unless `value` is a positive integer: a layer size. */
export function checkSize(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(fn, `${name} must be a positive integer, got ${describe(value)}`)
  }
}

/** Throws unless `value` is a function. */
export function checkFunction(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'function') throw new ConfigError(fn, `${name} must be a function, got ${describe(value)}`)
}
