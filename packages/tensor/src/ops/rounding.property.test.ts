import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { floorDiv, mod, round, tensor } from '../index'

const int32 = (values: number[]) => tensor(values, undefined, 'int32')
const nonZeroInt32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((v) => v !== 0)

describe('floored division on int32', () => {
  it('satisfies a = floorDiv(a, b) · b + mod(a, b), with mod between 0 and b (b excluded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), nonZeroInt32, (a, b) => {
        fc.pre(a !== -(2 ** 31) || b !== -1) // the one quotient int32 cannot hold: roundingDivision.test.ts
        const q = floorDiv(int32([a]), int32([b])).item()
        const r = mod(int32([a]), int32([b])).item()
        // In BigInt: q · b can pass 2⁵³, where doubles lose bits.
        expect(BigInt(q) * BigInt(b) + BigInt(r)).toBe(BigInt(a))
        expect(b > 0 ? r >= 0 && r < b : r <= 0 && r > b).toBe(true)
      }),
    )
  })
})

describe('round', () => {
  it('is an integer within 0.5 of x, and even when exactly 0.5 away', () => {
    fc.assert(
      fc.property(fc.float({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const y = round(tensor([x])).item()
        const v = Math.fround(x)
        expect(Number.isInteger(y)).toBe(true)
        expect(Math.abs(y - v)).toBeLessThanOrEqual(0.5)
        // Math.abs: a negative even y gives y % 2 === -0, which toBe tells apart from 0.
        if (Math.abs(y - v) === 0.5) expect(Math.abs(y % 2)).toBe(0)
      }),
      { examples: [[-2.5], [-3.5], [2.5], [0.5], [-0.5]] },
    )
  })
})
