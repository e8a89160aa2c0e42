import { describe, expect, it } from 'vitest'
import { erf } from './erf'
import { maclaurinErf } from './erfReference'
import { unaryKernel } from './unary'

/** The same series summed with Kahan's compensation: within an ulp or two for 0 < x < 1, where little cancels. */
function compensatedMaclaurinErf(x: number): number {
  let term = x
  let total = x
  let compensation = 0
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n
    const corrected = term / (2 * n + 1) - compensation
    const next = total + corrected
    compensation = next - total - corrected
    total = next
  }
  return (2 / Math.sqrt(Math.PI)) * total
}

const SAMPLES = Array.from({ length: 2000 }, (_, i) => -3 + (6 * (i + 0.5)) / 2000)

describe('erf', () => {
  it("matches its Maclaurin series within the series' own error on [-3, 3]", () => {
    for (const x of SAMPLES) expect(Math.abs(erf(x) - maclaurinErf(x))).toBeLessThan(1e-13)
  })

  it('is within 8 units in the last place of a compensated Maclaurin sum on (0, 1)', () => {
    for (let i = 1; i < 2000; i++) {
      const x = i / 2000
      const exact = compensatedMaclaurinErf(x)
      const ulp = 2 ** (Math.floor(Math.log2(exact)) - 52)
      expect(Math.abs(erf(x) - exact) / ulp).toBeLessThanOrEqual(8)
    }
  })

  it('matches published values in the tails', () => {
    // Abramowitz and Stegun's table, to 16 digits.
    expect(erf(4)).toBeCloseTo(0.9999999845827421, 15)
    expect(erf(5)).toBeCloseTo(0.9999999999984626, 15)
    expect(erf(-4.5)).toBeCloseTo(-0.9999999998033839, 15)
    expect(erf(3)).toBeCloseTo(0.9999779095030014, 15)
  })

  it('is odd, keeps the sign of zero, saturates at ±1 and propagates NaN', () => {
    expect(Object.is(erf(0), 0)).toBe(true)
    expect(Object.is(erf(-0), -0)).toBe(true)
    expect([erf(6), erf(-6), erf(Infinity), erf(-Infinity)]).toEqual([1, -1, 1, -1])
    expect(erf(NaN)).toBeNaN()
    for (const x of [0.3, 1.7, 2.2, 3.9]) expect(erf(-x)).toBe(-erf(x))
  })

  it('rounds to float32 correctly: the nearest float32 to the series value', () => {
    const x = Float32Array.from(SAMPLES)
    const out = unaryKernel('erf', x, 'float32')
    out.forEach((v, i) => expect(v).toBe(Math.fround(maclaurinErf(x[i]!))))
  })
})
