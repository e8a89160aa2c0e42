import { describe, expect, it } from 'vitest'
import { Philox, mulHigh, splitWords } from './philox'
import { boxMullerFloat, uint32ToFloat } from './philoxSamples'

const hex = (words: Uint32Array): string[] => Array.from(words, (w) => w.toString(16).padStart(8, '0'))

describe('mulHigh', () => {
  it('matches the high word of the exact BigInt product', () => {
    const factors = [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0xdeadbeef]
    for (const [bHi, bLo, b] of [0xd2511f53, 0xcd9e8d57, 0xffffffff].map((b) => [b >>> 16, b & 0xffff, b] as const)) {
      for (const a of factors) {
        expect(mulHigh(a, bHi, bLo)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n))
      }
    }
  })
})

describe('splitWords', () => {
  it('splits a safe integer into low and high uint32 words', () => {
    expect(splitWords(87654321)).toEqual([0x05397fb1, 0])
    expect(splitWords(2 ** 32 + 5)).toEqual([5, 1])
    expect(splitWords(2 ** 53 - 1)).toEqual([0xffffffff, 0x1fffff])
  })
})

describe('Philox', () => {
  it('gives TF1 call 0 and call 1 for seeds (87654321, 1)', () => {
    const generator = new Philox(87654321, 1)
    expect(hex(generator.next())).toEqual(['ab1e98c7', 'cdf5cfa7', 'f1867731', '4c3f748e'])
    expect(hex(generator.next())).toEqual(['00eaf265', 'c4836362', 'a50b474a', '8f3a73d9'])
  })

  it("reproduces TF1's second run of random_uniform([1], seed=1) after skipping 256 calls: 0.22267115", () => {
    const generator = new Philox(87654321, 1)
    generator.skip(256)
    expect(uint32ToFloat(generator.next()[0]!)).toBe(Math.fround(0.22267115))
  })

  it('skip(n) lands where n calls of next() land', () => {
    const stepped = new Philox(87654321, 7)
    for (let i = 0; i < 5; i++) stepped.next()
    const skipped = new Philox(87654321, 7)
    skipped.skip(5)
    expect(hex(skipped.next())).toEqual(hex(stepped.next()))
  })

  it('carries from counter word 0 into word 1, by increment and by skip', () => {
    const incremented = new Philox(3, 4)
    incremented.skip(2 ** 32 - 1)
    incremented.next() // counter word 0 wraps here
    const skippedTwice = new Philox(3, 4)
    skippedTwice.skip(2 ** 32 - 1)
    skippedTwice.skip(1)
    const skippedOnce = new Philox(3, 4)
    skippedOnce.skip(2 ** 32)
    const expected = hex(skippedOnce.next())
    expect(hex(incremented.next())).toEqual(expected)
    expect(hex(skippedTwice.next())).toEqual(expected)
  })

  it('copyFrom makes an independent exact copy', () => {
    const base = new Philox(87654321, 1)
    const copy = new Philox(0, 0)
    copy.copyFrom(base)
    expect(hex(copy.next())).toEqual(['ab1e98c7', 'cdf5cfa7', 'f1867731', '4c3f748e'])
    expect(hex(base.next())).toEqual(['ab1e98c7', 'cdf5cfa7', 'f1867731', '4c3f748e'])
  })

  it('a different seed2 gives a different stream', () => {
    expect(hex(new Philox(87654321, 2).next())).not.toEqual(hex(new Philox(87654321, 1).next()))
  })
})

describe('uint32ToFloat', () => {
  it('uses only the low 23 bits and maps them onto [0, 1) in steps of 2^-23', () => {
    expect(uint32ToFloat(0)).toBe(0)
    expect(uint32ToFloat(0x800000)).toBe(0)
    expect(uint32ToFloat(0x400000)).toBe(0.5)
    expect(uint32ToFloat(1)).toBe(2 ** -23)
    expect(uint32ToFloat(0xffffffff)).toBe(1 - 2 ** -23)
  })

  it('gives 0.2390374 for the first word of seeds (87654321, 1)', () => {
    expect(uint32ToFloat(0xab1e98c7)).toBe(Math.fround(0.2390374))
  })
})

describe('boxMullerFloat', () => {
  it("reproduces TF1's worked example: element 0 is -0.8113182, element 1 is 1.4845988", () => {
    const out = new Float32Array(3)
    boxMullerFloat(0xab1e98c7, 0xcdf5cfa7, out, 1)
    expect(Array.from(out)).toEqual([0, Math.fround(-0.8113182), Math.fround(1.4845988)])
  })

  it('clamps u1 at 1e-7, so a zero word gives a finite radius sqrt(-2 ln 1e-7)', () => {
    const out = new Float32Array(2)
    boxMullerFloat(0, 0, out, 0)
    expect(out[0]).toBe(0)
    expect(out[1]).toBeCloseTo(Math.sqrt(-2 * Math.log(1e-7)), 5)
  })
})
