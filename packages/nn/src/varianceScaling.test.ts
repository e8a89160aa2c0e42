import { describe, expect, it } from 'vitest'
import { randomUniform } from '@gradstream/tensor'
import { computeFans, glorotUniform, heNormal } from './varianceScaling'

const meanOf = (values: readonly number[]): number => values.reduce((a, v) => a + v, 0) / values.length
const stdOf = (values: readonly number[]): number => {
  const m = meanOf(values)
  return Math.sqrt(meanOf(values.map((v) => (v - m) ** 2)))
}

describe('computeFans', () => {
  it("follows TF's _compute_fans for scalars, vectors, matrices and kernels", () => {
    expect([computeFans([]), computeFans([7]), computeFans([3, 5]), computeFans([3, 3, 16, 32])]).toEqual([
      [1, 1],
      [7, 7],
      [3, 5],
      [144, 288],
    ])
  })
})

describe('glorotUniform', () => {
  it('draws uniform values in ±√(6 / (fanIn + fanOut)) from the seeded Philox stream', () => {
    const limit = Math.sqrt(6 / (2 + 3))
    const values = glorotUniform({ seed: 1 })([2, 3])
    expect(values.toArray()).toEqual(randomUniform([2, 3], { minval: -limit, maxval: limit, seed: 1 }).toArray())
  })

  it('has the spread of a uniform on ±limit: std limit / √3', () => {
    const values = glorotUniform({ seed: 5 })([200, 100]).toFlatArray()
    const limit = Math.sqrt(6 / 300)
    expect(values.every((v) => Math.abs(v) <= limit)).toBe(true)
    expect(stdOf(values)).toBeCloseTo(limit / Math.sqrt(3), 3)
    expect(Math.abs(meanOf(values))).toBeLessThan(0.002)
  })

  it('rejects unknown options', () => {
    expect(() => Reflect.apply(glorotUniform, undefined, [{ gain: 2 }])).toThrow(
      "glorotUniform: unknown option 'gain'; expected one of seed",
    )
  })
})

describe('heNormal', () => {
  it('has standard deviation √(2 / fanIn) after truncation at two standard deviations', () => {
    const values = heNormal({ seed: 3 })([400, 100]).toFlatArray()
    const target = Math.sqrt(2 / 400)
    expect(stdOf(values)).toBeCloseTo(target, 3)
    expect(values.every((v) => Math.abs(v) < (2 * target) / 0.87962566103423978)).toBe(true)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const a = heNormal({ seed: 1 })([4, 3]).toArray()
    expect(heNormal({ seed: 1 })([4, 3]).toArray()).toEqual(a)
    expect(heNormal({ seed: 2 })([4, 3]).toArray()).not.toEqual(a)
  })
})
