import { ConfigError, checkInteger, describe } from '@gradstream/core'
import { Philox } from './philox'

/**
 * A random key: two uint32 words `[high, low]`, as JAX's raw `PRNGKey`. A key
 * is a value, never a generator: the same key always gives the same numbers,
 * new keys come from {@link splitKey} and {@link foldIn}, and a key survives
 * `JSON.stringify`/`JSON.parse` unchanged, so a checkpoint can hold it.
 * @example const key: RandomKey = randomKey(42) // [0, 42]
 */
export type RandomKey = readonly [high: number, low: number]

const TWO_32 = 0x1_0000_0000
const MAX_INT32 = 2 ** 31 - 1

// Which derivation a Philox stream serves, so that split, foldIn and keySeed
// never share a stream for the same key.
const SPLIT = 1
const FOLD_IN = 2
const SEED = 3

const isWord = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < TWO_32

/**
 * Throws a ConfigError unless `key` is a random key: an array of two integers
 * in [0, 2³²), as {@link randomKey} makes and as a key reads back from JSON.
 * @example checkRandomKey('dropout', 'key', 7) // ConfigError: dropout: key must be a random key [high, low] of two uint32 words (see randomKey), got 7
 */
export function checkRandomKey(fn: string, name: string, key: unknown): asserts key is RandomKey {
  if (!Array.isArray(key) || key.length !== 2 || !isWord(key[0]) || !isWord(key[1])) {
    const got = Array.isArray(key) ? `[${key.map((word) => describe(word)).join(', ')}]` : describe(key)
    throw new ConfigError(
      fn,
      `${name} must be a random key [high, low] of two uint32 words (see randomKey), got ${got}`,
    )
  }
}

const makeKey = (high: number, low: number): RandomKey => Object.freeze([high, low] as const)

/**
 * The Philox4x32-10 stream of `key` for derivation `purpose`. All 64 bits of
 * the key enter Philox: the low word and 21 bits of the high word form its
 * 53-bit key, the other 11 bits share the counter's high words with `purpose`.
 */
function streamOf(key: RandomKey, purpose: number): Philox {
  const [high, low] = key
  return new Philox(low + (high & 0x1f_ffff) * TWO_32, (high >>> 21) + purpose * 2 ** 11)
}

/**
 * The key of an integer seed: its 64-bit two's complement split into words,
 * as JAX's `PRNGKey(seed)` (`randomKey(-1)` is `[4294967295, 4294967295]`).
 *
 * @example
 * randomKey(42) // [0, 42]
 * JSON.stringify(randomKey(2 ** 40)) // '[256,0]'
 */
export function randomKey(seed: number): RandomKey {
  checkInteger('randomKey', 'seed', seed)
  const low = seed >>> 0
  const high = Math.floor((seed - low) / TWO_32) >>> 0
  return makeKey(high, low)
}

/**
 * `count` new keys from `key` (default 2), each independent of the others and
 * of `key` for all practical purposes: key i is the first two words of block i
 * of the key's Philox4x32-10 split stream. Pass the same key twice and the
 * same keys come back. The keys are not JAX's (JAX uses Threefry).
 *
 * @example
 * const [dropoutKey, nextKey] = splitKey(randomKey(0))
 * splitKey(randomKey(0), 3).length // 3
 */
export function splitKey(key: RandomKey, count = 2): readonly RandomKey[] {
  checkRandomKey('splitKey', 'key', key)
  checkInteger('splitKey', 'count', count, 1)
  const stream = streamOf(key, SPLIT)
  const keys: RandomKey[] = []
  for (let i = 0; i < count; i++) {
    const words = stream.next()
    keys.push(makeKey(words[0]!, words[1]!))
  }
  return Object.freeze(keys)
}

/**
 * The key of `data` (an integer >= 0, e.g. a step number) under `key`, as
 * JAX's `fold_in`: word 0 and 1 of block `data` of the key's fold-in stream.
 * A training run gives step n the key `foldIn(runKey, n)`, so a run resumed at
 * step n draws exactly what the uninterrupted run drew, without replaying steps.
 *
 * @example
 * const runKey = randomKey(7)
 * foldIn(runKey, 3) // the same key on every call and after a resume
 */
export function foldIn(key: RandomKey, data: number): RandomKey {
  checkRandomKey('foldIn', 'key', key)
  checkInteger('foldIn', 'data', data, 0)
  const stream = streamOf(key, FOLD_IN)
  stream.skip(data)
  const words = stream.next()
  return makeKey(words[0]!, words[1]!)
}

/**
 * The op seed a key stands for, an integer in [0, 2³¹ − 1), to pass as the
 * `seed` option of `randomUniform`, `randomNormal` or `truncatedNormal`. TF1's
 * op seeds are reduced modulo 2³¹ − 1, so two keys have a 2⁻³¹ chance of
 * sharing a seed; split or fold a key rather than using one key for two draws.
 *
 * @example
 * randomUniform([2], { seed: keySeed(randomKey(0)) }).shape // [2]
 */
export function keySeed(key: RandomKey): number {
  checkRandomKey('keySeed', 'key', key)
  return streamOf(key, SEED).next()[0]! % MAX_INT32
}
