import { describe, expect, it } from 'vitest'
import { truncatedNormal } from './truncatedNormal'

const float32Bits = (values: ArrayLike<number>): number[] =>
  Array.from(new Uint32Array(Float32Array.from(values).buffer))

describe('truncatedNormal', () => {
  it('equals TF1 truncated_normal([2, 2], seed=2) bit for bit (published values)', () => {
    const out = truncatedNormal([2, 2], { seed: 2 })
    expect(out.shape).toEqual([2, 2])
    expect(float32Bits(out.dataSync())).toEqual(float32Bits([-0.85811085, -0.19662298, 0.13895045, -1.2212768]))
  })

  it('starts group 1 at Philox call 256: truncated_normal([2, 3], seed=1)', () => {
    // Group 0 rejects random_normal's -2.4427042; group 1 is a fresh copy skipped by 256 calls.
    const out = truncatedNormal([2, 3], { seed: 1 })
    expect(float32Bits(out.dataSync())).toEqual(
      float32Bits([-0.8113182, 1.4845988, 0.06532937, 0.0992484, 0.6396971, 1.6108712]),
    )
  })

  it('gives a partial group the prefix of the full group', () => {
    const full = float32Bits(truncatedNormal([4], { seed: 2 }).dataSync())
    expect(float32Bits(truncatedNormal([3], { seed: 2 }).dataSync())).toEqual(full.slice(0, 3))
  })

  it('computes rnd * stddev + mean as two float32 ops', () => {
    const out = truncatedNormal([2, 2], { seed: 2, mean: 1, stddev: 0.5 })
    const raw = [-0.85811085, -0.19662298, 0.13895045, -1.2212768]
    expect(float32Bits(out.dataSync())).toEqual(float32Bits(raw.map((r) => Math.fround(Math.fround(r) * 0.5) + 1)))
  })

  it('keeps every value within two standard deviations, with the truncated stddev 0.8796', () => {
    // Seeded: the mean's standard error is 2 * 0.8796 / sqrt(20000) = 0.0124, so an unseeded draw
    // misses a 0.05 bound once in about 16,000 runs.
    const values = truncatedNormal([20000], { mean: 3, stddev: 2, seed: 7 }).toFlatArray()
    expect(Math.min(...values)).toBeGreaterThan(-1)
    expect(Math.max(...values)).toBeLessThan(7)
    const m = values.reduce((a, b) => a + b, 0) / values.length
    const s = Math.sqrt(values.reduce((a, x) => a + (x - m) ** 2, 0) / values.length)
    expect(Math.abs(m - 3)).toBeLessThan(0.05)
    expect(Math.abs(s - 2 * 0.8796)).toBeLessThan(0.05)
  })

  it('rejects bad options with messages naming the value', () => {
    expect(() => truncatedNormal([2], { stddev: -0.5 })).toThrow(
      'truncatedNormal: stddev must be a finite number >= 0, got -0.5',
    )
    expect(() => truncatedNormal([2], { seed: '1' as never })).toThrow(
      'truncatedNormal: seed must be an integer, got "1"',
    )
    expect(() => truncatedNormal([2], { minval: 0 } as never)).toThrow(
      "truncatedNormal: unknown option 'minval'; expected one of mean, stddev, seed, dtype",
    )
  })
})
