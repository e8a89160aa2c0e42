import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MT19937 } from './mt19937'

interface Golden {
  vectors: Record<string, unknown>
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../test/golden/numpy-randomstate.json', import.meta.url), 'utf8'),
) as Golden
const vector = (name: string): number[] => golden.vectors[name] as number[]
const values = (name: string): number[] => (golden.vectors[name] as { values: number[] }).values

const seeded = (seed: number): MT19937 => {
  const mt = new MT19937()
  mt.seed(seed)
  return mt
}

describe('MT19937.seed', () => {
  it("gives numpy's init_genrand(1) state words", () => {
    const mt = seeded(1)
    expect(Array.from(mt.key.subarray(0, 5))).toEqual(vector('init_genrand(1).mt[0:5]'))
    expect(mt.key[623]).toBe(golden.vectors['init_genrand(1).mt[623]'])
    expect(mt.pos).toBe(624)
  })
})

describe('MT19937.nextUint32', () => {
  it("gives RandomState(1)'s first ten words", () => {
    const mt = seeded(1)
    expect(Array.from({ length: 10 }, () => mt.nextUint32())).toEqual(vector('RandomState(1).genrand_uint32[0:10]'))
  })

  it("gives the reference generator's 10000th word 4123659995 for seed 5489, across 16 twists", () => {
    // The value the C++ standard requires of std::mt19937 default-constructed (seed 5489).
    const mt = seeded(5489)
    let word = 0
    for (let i = 0; i < 10000; i++) word = mt.nextUint32()
    expect(word).toBe(4123659995)
  })
})

describe('MT19937.seedByArray', () => {
  it('gives the reference mt19937ar.c outputs for init_by_array([0x123, 0x234, 0x345, 0x456])', () => {
    const mt = new MT19937()
    mt.seedByArray([0x123, 0x234, 0x345, 0x456])
    expect(Array.from({ length: 5 }, () => mt.nextUint32())).toEqual([
      1067595299, 955945823, 477289528, 4107218783, 4228976476,
    ])
  })

  it("gives RandomState([1, 2, 3])'s first doubles", () => {
    const mt = new MT19937()
    mt.seedByArray([1, 2, 3])
    expect(Array.from({ length: 5 }, () => mt.nextDouble())).toEqual(
      values('RandomState([1,2,3]).rand()[0:5] (init_by_array)'),
    )
  })
})

describe('MT19937.nextDouble', () => {
  it('combines two words as (a >>> 5) * 2^26 + (b >>> 6), over 2^53', () => {
    const [w0, w1] = vector('RandomState(1).genrand_uint32[0:10]')
    expect(seeded(1).nextDouble()).toBe(((w0! >>> 5) * 2 ** 26 + (w1! >>> 6)) / 2 ** 53)
  })
})

describe('MT19937.nextBounded', () => {
  const words = vector('RandomState(1).genrand_uint32[0:10]')

  it('keeps the masked word when it is <= max and rejects it otherwise, one word per try', () => {
    // max 9 -> mask 15; the low nibbles of the words are 5 11 12 8 15 9 11 5 15 0.
    expect(words.map((w) => w & 15)).toEqual([5, 11, 12, 8, 15, 9, 11, 5, 15, 0])
    const mt = seeded(1)
    expect(Array.from({ length: 4 }, () => mt.nextBounded(9))).toEqual([5, 8, 9, 5])
    expect(mt.nextUint32()).toBe(words[8]) // words 0..7 consumed, no more
  })

  it('returns whole words for max 2^32 - 1, and 0 without drawing for max 0', () => {
    const mt = seeded(1)
    expect(mt.nextBounded(0)).toBe(0)
    expect([mt.nextBounded(0xffffffff), mt.nextBounded(0xffffffff)]).toEqual(words.slice(0, 2))
  })
})
