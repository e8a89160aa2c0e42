import { describe, expect, it } from 'vitest'
import { ConfigError, ShapeError } from '@gradstream/core'
import { randomUniform, truncatedNormal } from '@gradstream/tensor'
import type { Initializer } from './initializers'
import {
  computeFans,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
} from './varianceScaling'

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

// TF1's definitions, written out: VarianceScaling(scale, mode, distribution) for each named initializer.
const TRUNCATED_STDDEV = 0.87962566103423978
interface Definition {
  readonly name: string
  readonly init: (options?: { seed?: number }) => Initializer
  readonly scale: number
  readonly fan: (fanIn: number, fanOut: number) => number
  readonly distribution: 'uniform' | 'truncatedNormal'
}
const fanIn = (inputs: number): number => inputs
const fanAvg = (inputs: number, outputs: number): number => (inputs + outputs) / 2
const definitions: readonly Definition[] = [
  { name: 'glorotUniform', init: glorotUniform, scale: 1, fan: fanAvg, distribution: 'uniform' },
  { name: 'glorotNormal', init: glorotNormal, scale: 1, fan: fanAvg, distribution: 'truncatedNormal' },
  { name: 'heUniform', init: heUniform, scale: 2, fan: fanIn, distribution: 'uniform' },
  { name: 'heNormal', init: heNormal, scale: 2, fan: fanIn, distribution: 'truncatedNormal' },
  { name: 'lecunUniform', init: lecunUniform, scale: 1, fan: fanIn, distribution: 'uniform' },
  { name: 'lecunNormal', init: lecunNormal, scale: 1, fan: fanIn, distribution: 'truncatedNormal' },
]

// A conv kernel [fh, fw, in, out] = [3, 3, 16, 32]: fanIn 3 · 3 · 16 = 144, fanOut 3 · 3 · 32 = 288.
const kernelShape = [3, 3, 16, 32]
const kernelFans = [144, 288] as const

describe.each(definitions)('$name', ({ name, init, scale, fan, distribution }) => {
  const variance = scale / fan(...kernelFans)

  it("draws TF1's values bit for bit from the seeded Philox stream, with a conv kernel's fans", () => {
    const values = init({ seed: 4 })(kernelShape).toArray()
    const expected =
      distribution === 'uniform'
        ? randomUniform(kernelShape, { minval: -Math.sqrt(3 * variance), maxval: Math.sqrt(3 * variance), seed: 4 })
        : truncatedNormal(kernelShape, { stddev: Math.sqrt(variance) / TRUNCATED_STDDEV, seed: 4 })
    expect(values).toEqual(expected.toArray())
  })

  it('has mean 0 and variance scale / fan, within four standard errors of the sample (fixed seed)', () => {
    const values = init({ seed: 11 })(kernelShape).toFlatArray()
    const sigma = Math.sqrt(variance)
    // The standard error of a sample standard deviation is at most σ / √(2n) for these distributions.
    expect(Math.abs(stdOf(values) - sigma)).toBeLessThan((4 * sigma) / Math.sqrt(2 * values.length))
    expect(Math.abs(meanOf(values))).toBeLessThan((4 * sigma) / Math.sqrt(values.length))
    const bound = distribution === 'uniform' ? Math.sqrt(3 * variance) : (2 * sigma) / TRUNCATED_STDDEV
    expect(values.every((v) => Math.abs(v) <= bound)).toBe(true)
  })

  it('is reproducible for a seed, prefers the seed passed at call time, and differs between seeds', () => {
    const a = init({ seed: 1 })([5, 4]).toArray()
    expect(init({ seed: 1 })([5, 4]).toArray()).toEqual(a)
    expect(init({ seed: 9 })([5, 4], 1).toArray()).toEqual(a)
    expect(init({ seed: 2 })([5, 4]).toArray()).not.toEqual(a)
  })

  it('refuses unknown options, bad seeds and bad shapes, naming itself', () => {
    expect(() => Reflect.apply(init, undefined, [{ scale: 2 }])).toThrow(
      new ConfigError(name, "unknown option 'scale'; expected one of seed"),
    )
    expect(() => init({ seed: 0.5 })).toThrow(new ConfigError(name, 'seed must be an integer, got 0.5'))
    expect(() => init()([2, -1])).toThrow(new ShapeError(name, 'shape[1] must be an integer >= 0, got -1'))
  })
})
