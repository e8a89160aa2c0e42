import { describe } from './describe'
import { ConfigError } from './errors'

// One wording for every argument and option check in gradstream:
//   `<fn>: <name> must be <what>, got <describe(value)>`
//   `<fn>: unknown option '<key>'; expected one of <known keys>`
// Each check throws ConfigError before any work is done, so bad input never
// leaves half-built state behind.

/**
 * Throws unless `options` is a plain object whose keys are all in `known`,
 * naming the first unknown key. An optional options argument that may be
 * left out is given a default (`options = {}`) before it reaches this check,
 * so `undefined` and an omitted argument mean the same thing.
 * @example checkOptions('sgd', { momentun: 0.9 }, ['momentum']) // ConfigError: sgd: unknown option 'momentun'; expected one of momentum
 */
export function checkOptions(fn: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(fn, `options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ConfigError(fn, `unknown option '${key}'; expected one of ${known.join(', ')}`)
    }
  }
}

/**
 * Throws unless `value` is a finite number.
 * @example checkFinite('linspace', 'start', NaN) // ConfigError: linspace: start must be a finite number, got NaN
 */
export function checkFinite(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(fn, `${name} must be a finite number, got ${describe(value)}`)
  }
}

/**
 * Throws unless `value` is a finite number > 0.
 * @example checkPositive('huberLoss', 'delta', 0) // ConfigError: huberLoss: delta must be a finite number > 0, got 0
 */
export function checkPositive(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(fn, `${name} must be a finite number > 0, got ${describe(value)}`)
  }
}

/**
 * Throws unless `value` is a finite number >= 0.
 * @example checkNonNegative('sgd', 'learningRate', -1) // ConfigError: sgd: learningRate must be a finite number >= 0, got -1
 */
export function checkNonNegative(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(fn, `${name} must be a finite number >= 0, got ${describe(value)}`)
  }
}

/** Which ends of a range belong to it: `[low, high]` by default. */
export interface RangeEnds {
  readonly lowOpen?: boolean
  readonly highOpen?: boolean
}

/**
 * Throws unless `value` is a number in the range from `low` to `high`, each
 * end closed unless said open: `[0, 1)` is `{ highOpen: true }`.
 * @example checkInRange('momentum', 'decay', 1, 0, 1, { highOpen: true }) // ConfigError: momentum: decay must be in [0, 1), got 1
 */
export function checkInRange(
  fn: string,
  name: string,
  value: unknown,
  low: number,
  high: number,
  ends: RangeEnds = {},
): asserts value is number {
  const aboveLow = typeof value === 'number' && (ends.lowOpen === true ? value > low : value >= low)
  const belowHigh = typeof value === 'number' && (ends.highOpen === true ? value < high : value <= high)
  if (!aboveLow || !belowHigh) {
    const range = `${ends.lowOpen === true ? '(' : '['}${low}, ${high}${ends.highOpen === true ? ')' : ']'}`
    throw new ConfigError(fn, `${name} must be in ${range}, got ${describe(value)}`)
  }
}

/**
 * Throws unless `value` is a safe integer no less than `least` (and no more
 * than `most`, when given): counts, sizes, steps, axes.
 * @example checkInteger('everySteps', 'n', 0, 1) // ConfigError: everySteps: n must be an integer >= 1, got 0
 */
export function checkInteger(
  fn: string,
  name: string,
  value: unknown,
  least = Number.MIN_SAFE_INTEGER,
  most = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= least && value <= most) return
  const bounds = [
    least > Number.MIN_SAFE_INTEGER ? `>= ${least}` : '',
    most < Number.MAX_SAFE_INTEGER ? `<= ${most}` : '',
  ].filter((bound) => bound !== '')
  throw new ConfigError(
    fn,
    `${name} must be an integer${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''}, got ${describe(value)}`,
  )
}

/**
 * Throws unless `seed` is undefined or a safe integer.
 * @example checkSeed('randomNormal', 1.5) // ConfigError: randomNormal: seed must be an integer, got 1.5
 */
export function checkSeed(fn: string, seed: unknown): asserts seed is number | undefined {
  if (seed !== undefined) checkInteger(fn, 'seed', seed)
}

/**
 * Throws unless `value` is a boolean.
 * @example checkBoolean('fit', 'keepGrads', 'yes') // ConfigError: fit: keepGrads must be a boolean, got "yes"
 */
export function checkBoolean(fn: string, name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw new ConfigError(fn, `${name} must be a boolean, got ${describe(value)}`)
}

/**
 * Throws unless `value` is a function.
 * @example checkFunction('stopWhen', 'predicate', 5) // ConfigError: stopWhen: predicate must be a function, got 5
 */
export function checkFunction(
  fn: string,
  name: string,
  value: unknown,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw new ConfigError(fn, `${name} must be a function, got ${describe(value)}`)
}

/**
 * Throws unless `value` is a string.
 * @example checkString('pyFormat', 'format', 5) // ConfigError: pyFormat: format must be a string, got 5
 */
export function checkString(fn: string, name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new ConfigError(fn, `${name} must be a string, got ${describe(value)}`)
}

/**
 * Throws unless `value` is one of `allowed`.
 * @example checkOneOf('fit', 'order', 'random', ['sequential', 'shuffle']) // ConfigError: fit: order must be one of 'sequential', 'shuffle', got "random"
 */
export function checkOneOf<T extends string | number | boolean>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    const choices = allowed.map((choice) => (typeof choice === 'string' ? `'${choice}'` : String(choice)))
    throw new ConfigError(fn, `${name} must be one of ${choices.join(', ')}, got ${describe(value)}`)
  }
}
