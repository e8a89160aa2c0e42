import { ConfigError, DTypeError, formatShape, ShapeError, Tensor } from '@gradstream/tensor'

/** A value as an error message shows it: strings quoted, arrays and objects by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : value instanceof Tensor ? 'a Tensor' : 'an object'
}

/** Throws a DTypeError unless `x` is a Tensor, naming the argument (as tfjs does). */
export function checkTensor(fn: string, name: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x
    throw new DTypeError(fn, `argument '${name}' must be a Tensor, got ${got}`)
  }
}

/**
 * Checks a loss's two inputs: Tensors of one float dtype and the same shape
 * (TF1 asserts `predictions.shape.is_compatible_with(labels.shape)`).
 */
export function checkPair(fn: string, names: readonly [string, string], a: unknown, b: unknown): void {
  checkTensor(fn, names[0], a)
  checkTensor(fn, names[1], b)
  for (const [name, x] of [
    [names[0], a],
    [names[1], b],
  ] as const) {
    if (x.dtype !== 'float32' && x.dtype !== 'float64') {
      throw new DTypeError(fn, `${name} must have dtype float32 or float64, got ${x.dtype}`)
    }
  }
  if (a.dtype !== b.dtype)
    throw new DTypeError(fn, `dtypes differ: ${names[0]} is ${a.dtype}, ${names[1]} is ${b.dtype}`)
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new ShapeError(
      fn,
      `${names[0]} and ${names[1]} must have the same shape, got ${names[0]} ${formatShape(a.shape)} and ${names[1]} ${formatShape(b.shape)}`,
    )
  }
}

/** Throws unless `options` is a plain object (or undefined) whose keys are all in `known`. */
export function checkOptions(fn: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(fn, `options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new ConfigError(fn, `unknown option '${key}' (known: ${known.join(', ')})`)
  }
}

/** Throws unless `value` is a finite number >= `low` (and <= `high` when given). */
export function checkNumberIn(fn: string, name: string, value: unknown, low: number, high = Infinity): void {
  if (typeof value !== 'number') throw new ConfigError(fn, `${name} must be a number, got ${describe(value)}`)
  if (!(value >= low && value <= high) || !Number.isFinite(value)) {
    const range = high === Infinity ? `>= ${low}` : `in [${low}, ${high}]`
    throw new ConfigError(fn, `${name} must be a finite number ${range}, got ${value}`)
  }
}

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'number') throw new ConfigError(fn, `${name} must be a number, got ${describe(value)}`)
  if (!(value > 0) || !Number.isFinite(value))
    throw new ConfigError(fn, `${name} must be a finite number > 0, got ${value}`)
}
