import { ConfigError, DTypeError } from '../errors'

/**
 * The dtypes the TF1-compatible random ops produce.
 * @example randomNormal([2], { seed: 1, dtype: 'float64' }).dtype // 'float64'
 */
export type RandomDType = 'float32' | 'float64'

/** Storage of a {@link RandomDType} tensor. */
export type FloatStorage = Float32Array | Float64Array

/** The kind of a value, for messages: 'null', 'an array', or its typeof. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/** A value as an error message shows it: strings quoted, so `"1"` and `1` differ. */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/** Throws unless `options` is a plain object whose keys are all in `allowed`. */
export function checkOptionKeys(fn: string, options: unknown, allowed: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(fn, `options must be an object, got ${kindOf(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(fn, `unknown option '${key}'; expected one of ${allowed.join(', ')}`)
    }
  }
}

/** Throws unless `seed` is undefined or a safe integer. */
export function checkSeed(fn: string, seed: unknown): asserts seed is number | undefined {
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new ConfigError(fn, `seed must be an integer, got ${show(seed)}`)
  }
}

/** Throws unless `value` is a finite number. */
export function checkFinite(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(fn, `${name} must be a finite number, got ${show(value)}`)
  }
}

/** Throws unless `stddev` is a finite number >= 0. */
export function checkStddev(fn: string, stddev: unknown): void {
  checkFinite(fn, 'stddev', stddev)
  if (stddev < 0) throw new ConfigError(fn, `stddev must be >= 0, got ${stddev}`)
}

/** Throws a DTypeError unless `dtype` is float32 or float64. */
export function checkRandomDType(fn: string, dtype: unknown): asserts dtype is RandomDType {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(fn, `dtype must be float32 or float64, got ${JSON.stringify(dtype)}`)
  }
}

/**
 * `values[i] * scale + shift` in place. In float32 storage this is TF1's two
 * float32 ops (`scale` and `shift` are first rounded to float32, as TF converts
 * them to float32 tensors); in float64 storage it is double arithmetic.
 */
export function scaleAndShift(values: FloatStorage, scale: number, shift: number): void {
  if (values instanceof Float32Array) {
    const scale32 = Math.fround(scale)
    const shift32 = Math.fround(shift)
    // Storing into a Float32Array rounds the sum, the second float32 op.
    for (let i = 0; i < values.length; i++) values[i] = Math.fround(values[i]! * scale32) + shift32
  } else {
    for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale + shift
  }
}
