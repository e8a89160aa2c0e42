import { ConfigError } from '@gradstream/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkRandomKey, foldIn, keySeed, randomKey, splitKey } from './randomKey'

const word = fc.integer({ min: 0, max: 2 ** 32 - 1 })
const key = fc.tuple(word, word)
const seed = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
const data = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })

describe('random keys, for any key', () => {
  it('randomKey gives the words of the seed’s 64-bit two’s complement', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const [high, low] = randomKey(s)
        expect(BigInt(high) * 2n ** 32n + BigInt(low)).toBe(BigInt.asUintN(64, BigInt(s)))
      }),
    )
  })

  it('derives the same valid, frozen keys again, also from the key read back from JSON', () => {
    fc.assert(
      fc.property(key, data, (k, n) => {
        const restored: unknown = JSON.parse(JSON.stringify(k))
        checkRandomKey('test', 'restored', restored)
        const folded = foldIn(k, n)
        expect(foldIn(restored, n)).toEqual(folded)
        checkRandomKey('test', 'folded', folded)
        expect(Object.isFrozen(folded)).toBe(true)
        const [a, b] = splitKey(k)
        expect(splitKey(restored)).toEqual([a, b])
        expect(a).not.toEqual(b)
        const opSeed = keySeed(k)
        expect(Number.isInteger(opSeed) && opSeed >= 0 && opSeed < 2 ** 31 - 1).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('refuses anything but two uint32 words with a ConfigError', () => {
    const notAKey = fc.oneof(
      fc.tuple(fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 2 ** 32, max: 2 ** 40 })), word),
      fc.tuple(word, fc.double({ min: 0.1, max: 1e9, noInteger: true })),
      fc.array(word, { maxLength: 1 }),
      fc.array(word, { minLength: 3, maxLength: 4 }),
      fc.constantFrom(null, undefined, 'key', 7, {}),
    )
    fc.assert(
      fc.property(notAKey, (bad) => {
        expect(() => splitKey(bad as never)).toThrow(ConfigError)
        expect(() => foldIn(bad as never, 0)).toThrow(ConfigError)
        expect(() => keySeed(bad as never)).toThrow(ConfigError)
      }),
    )
  })
})
