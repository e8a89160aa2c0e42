import {
  ConfigError,
  DTypeError,
  checkBoolean,
  checkFinite,
  checkInteger,
  checkOneOf,
  describe,
} from '@gradstream/core'
import { Tensor } from '../tensor'
import { checkShape } from '../shape'
import { MT_STATE_WORDS } from './mt19937'

/**
 * A sample size for {@link RandomState} methods: a length, or a shape.
 * @example new RandomState(0).uniform(0, 1, [2, 3]).shape // [2, 3]; a size of 5 gives [5]
 */
export type SampleSize = number | readonly number[]

/**
 * What seeds a {@link RandomState}: one uint32 integer, or a non-empty array of them.
 * @example new RandomState([1, 2, 3]).rand() // 0.6098612722867289
 */
export type RandomStateSeed = number | readonly number[]

/**
 * A {@link RandomState}'s full state as a plain, JSON-serializable object
 * (numpy's `get_state()` tuple, named): the 624 MT19937 words, the next word's
 * index, and the cached second value of the last polar normal pair.
 * @example
 * const state: MT19937State = new RandomState(1).getState()
 * state.pos // 624
 */
export interface MT19937State {
  readonly algorithm: 'MT19937'
  readonly key: readonly number[]
  readonly pos: number
  readonly hasGauss: boolean
  readonly gauss: number
}

const INT32_MIN = -(2 ** 31)
const INT32_LIMIT = 2 ** 31
const UINT32_LIMIT = 2 ** 32
const UINT32_MAX = UINT32_LIMIT - 1

const isUint32 = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= UINT32_MAX

/** Throws unless `seed` is a uint32 integer or a non-empty array of them (numpy's legacy seeding rules). */
export function checkSeedValue(fn: string, seed: unknown): asserts seed is RandomStateSeed {
  if (!Array.isArray(seed)) {
    checkInteger(fn, 'seed', seed, 0, UINT32_MAX)
    return
  }
  if (seed.length === 0) throw new ConfigError(fn, 'seed array must be non-empty')
  seed.forEach((word: unknown, i) => checkInteger(fn, `seed[${i}]`, word, 0, UINT32_MAX))
}

/** The shape a size stands for: a number n is `[n]`. Throws a ShapeError for a bad size. */
export function shapeOfSize(fn: string, size: SampleSize): readonly number[] {
  const shape = typeof size === 'number' ? [size] : size
  checkShape(fn, shape)
  return shape
}

/** Throws unless every listed value is a finite number. */
export function checkFiniteArgs(fn: string, args: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(args)) checkFinite(fn, name, value)
}

/** Throws unless `state` is a complete, valid {@link MT19937State}. */
export function checkState(fn: string, state: unknown): asserts state is MT19937State {
  if (typeof state !== 'object' || state === null)
    throw new ConfigError(fn, `state must be an object, got ${describe(state)}`)
  const { algorithm, key, pos, hasGauss, gauss } = state as Partial<Record<keyof MT19937State, unknown>>
  checkOneOf(fn, 'state.algorithm', algorithm, ['MT19937'])
  if (!Array.isArray(key) || key.length !== MT_STATE_WORDS || !key.every(isUint32)) {
    throw new ConfigError(fn, `state.key must be an array of ${MT_STATE_WORDS} uint32 integers`)
  }
  checkInteger(fn, 'state.pos', pos, 0, MT_STATE_WORDS)
  checkBoolean(fn, 'state.hasGauss', hasGauss)
  checkFinite(fn, 'state.gauss', gauss)
}

/**
 * Anything `shuffle` can permute in place: an array or a typed array.
 * @example new RandomState(0).shuffle(Int32Array.of(0, 1, 2, 3, 4)) // Int32Array [2, 0, 1, 3, 4]
 */
export interface MutableList {
  length: number
  [index: number]: unknown
}

/** Throws unless `array` is an array or a typed array; a Tensor gets a pointer to `permutation`. */
export function checkShuffleable(fn: string, array: unknown): void {
  if (array instanceof Tensor) {
    throw new ConfigError(fn, 'cannot shuffle a Tensor in place (tensors are immutable); use permutation(x)')
  }
  const typed = ArrayBuffer.isView(array) && !(array instanceof DataView)
  if (!Array.isArray(array) && !typed) {
    throw new ConfigError(fn, `x must be an array or a typed array, got ${describe(array)}`)
  }
}

/** Throws unless low < high are safe integers at most 2³² apart. */
export function checkIntegerRange(fn: string, low: number, high: number): void {
  checkInteger(fn, 'low', low)
  checkInteger(fn, 'high', high)
  if (low >= high) throw new ConfigError(fn, `low must be less than high, got low ${low}, high ${high}`)
  if (high - low > UINT32_LIMIT) throw new ConfigError(fn, `high - low must be at most 2**32, got ${high - low}`)
}

/** Throws unless `dtype` is int32 (and [low, high) fits it) or float64. */
export function checkIntegerDType(fn: string, dtype: unknown, low: number, high: number): void {
  if (dtype !== 'int32' && dtype !== 'float64') {
    throw new DTypeError(fn, `dtype must be int32 or float64, got ${describe(dtype)}`)
  }
  if (dtype === 'int32' && (low < INT32_MIN || high > INT32_LIMIT)) {
    throw new ConfigError(fn, `bounds must fit int32 (low >= -2**31, high <= 2**31), got low ${low}, high ${high}`)
  }
}
