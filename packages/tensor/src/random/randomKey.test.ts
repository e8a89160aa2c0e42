import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { checkRandomKey, foldIn, keySeed, randomKey, splitKey } from './randomKey'
import { randomUniform } from './randomUniform'

// Pinned: checkpoints hold keys and resumed runs derive the same ones, so a change here breaks old checkpoints.
const SPLIT_OF_0 = [
  [1295728903, 894771748],
  [1896606652, 4171269303],
  [449694827, 1565559905],
]

describe('randomKey', () => {
  it('splits the seed into high and low words of its 64-bit two’s complement', () => {
    expect(randomKey(42)).toEqual([0, 42])
    expect(randomKey(2 ** 40 + 5)).toEqual([256, 5])
    expect(randomKey(-1)).toEqual([4294967295, 4294967295])
    expect(randomKey(-(2 ** 32))).toEqual([4294967295, 0])
  })

  it('is frozen and reads back from JSON as an equal, usable key', () => {
    const key = foldIn(randomKey(3), 9)
    expect(Object.isFrozen(key)).toBe(true)
    const restored: unknown = JSON.parse(JSON.stringify(key))
    checkRandomKey('test', 'restored', restored)
    expect(restored).toEqual(key)
    expect(splitKey(restored)).toEqual(splitKey(key))
  })

  it('refuses seeds that are not safe integers', () => {
    expect(() => randomKey(1.5)).toThrow(new ConfigError('randomKey', 'seed must be an integer, got 1.5'))
    expect(() => randomKey(2 ** 53)).toThrow('randomKey: seed must be an integer, got 9007199254740992')
  })
})

describe('splitKey', () => {
  it('gives the pinned keys, the same on every call', () => {
    expect(splitKey(randomKey(0), 3)).toEqual(SPLIT_OF_0)
    expect(splitKey(randomKey(0), 3)).toEqual(SPLIT_OF_0)
    expect(splitKey(randomKey(0))).toEqual(SPLIT_OF_0.slice(0, 2))
  })

  it('gives distinct keys, none equal to the parent', () => {
    const parent = randomKey(5)
    const keys = splitKey(parent, 1000).map((key) => key.join(','))
    expect(new Set([...keys, parent.join(',')]).size).toBe(1001)
  })

  it('depends on every bit of the key, the top bit of the high word included', () => {
    const base = splitKey([0, 0], 1)[0]
    expect(splitKey([2 ** 31, 0], 1)[0]).not.toEqual(base)
    expect(splitKey([1, 0], 1)[0]).not.toEqual(base)
    expect(splitKey([0, 2 ** 31], 1)[0]).not.toEqual(base)
  })

  it('refuses a count below 1 and keys that are not two uint32 words, naming the argument', () => {
    expect(() => splitKey(randomKey(0), 0)).toThrow(new ConfigError('splitKey', 'count must be an integer >= 1, got 0'))
    expect(() => splitKey([1, 2 ** 32])).toThrow(
      'splitKey: key must be a random key [high, low] of two uint32 words (see randomKey), got [1, 4294967296]',
    )
    expect(() => splitKey(7 as unknown as readonly [number, number])).toThrow(
      'splitKey: key must be a random key [high, low] of two uint32 words (see randomKey), got 7',
    )
    expect(() => splitKey([1, -1])).toThrow(ConfigError)
    expect(() => splitKey([1, 0.5])).toThrow(ConfigError)
  })
})

describe('foldIn', () => {
  it('gives the pinned key for a step, whenever it is asked', () => {
    expect(foldIn(randomKey(0), 0)).toEqual([283293023, 1204604759])
    expect(foldIn(randomKey(0), 1)).toEqual([3962778140, 1542171885])
    expect(foldIn(randomKey(0), 1)).toEqual(foldIn(randomKey(0), 1))
  })

  it('gives distinct keys for distinct data and differs from splitKey', () => {
    const key = randomKey(11)
    const folded = Array.from({ length: 1000 }, (_, step) => foldIn(key, step).join(','))
    const split = splitKey(key, 1000).map((k) => k.join(','))
    expect(new Set([...folded, ...split]).size).toBe(2000)
    expect(foldIn(key, 2 ** 53 - 1)).not.toEqual(foldIn(key, 0))
  })

  it('refuses negative or fractional data', () => {
    expect(() => foldIn(randomKey(0), -1)).toThrow(new ConfigError('foldIn', 'data must be an integer >= 0, got -1'))
    expect(() => foldIn(randomKey(0), 0.5)).toThrow('foldIn: data must be an integer >= 0, got 0.5')
  })
})

describe('keySeed', () => {
  it('gives an op seed in [0, 2^31 - 1) that reproduces a draw', () => {
    expect(keySeed(randomKey(0))).toBe(1859022481)
    const seeds = splitKey(randomKey(1), 200).map(keySeed)
    expect(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31 - 1)).toBe(true)
    expect(new Set(seeds).size).toBe(200)
    const key = foldIn(randomKey(1), 4)
    expect(randomUniform([5], { seed: keySeed(key) }).toArray()).toEqual(
      randomUniform([5], { seed: keySeed(key) }).toArray(),
    )
  })

  it('refuses a key that is not one', () => {
    expect(() => keySeed([1] as unknown as readonly [number, number])).toThrow(
      new ConfigError('keySeed', 'key must be a random key [high, low] of two uint32 words (see randomKey), got [1]'),
    )
  })
})
