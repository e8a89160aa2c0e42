import { describe, expect, it } from 'vitest'
import { randomUniform } from './randomUniform'

const float32Bits = (values: ArrayLike<number>): number[] =>
  Array.from(new Uint32Array(Float32Array.from(values).buffer))

// TF1 tf.random_uniform([8], seed=1), as published and in the golden README, printed with 8 decimals.
// Uniform draws lie on the 2^-23 grid, so the grid point nearest each printed value is the exact draw.
const PRINTED = [0.2390374, 0.92039955, 0.05051243, 0.49574447, 0.8355223, 0.02647042, 0.08811307, 0.4566604]
const SEED1_8 = PRINTED.map((x) => Math.round(x * 2 ** 23) / 2 ** 23)

describe('randomUniform', () => {
  it('equals TF1 random_uniform([8], seed=1) bit for bit', () => {
    const out = randomUniform([8], { seed: 1 })
    expect(out.dtype).toBe('float32')
    expect(float32Bits(out.dataSync())).toEqual(float32Bits(SEED1_8))
  })

  it('takes words in order across Philox calls for any shape', () => {
    expect(float32Bits(randomUniform([2, 3], { seed: 1 }).dataSync())).toEqual(float32Bits(SEED1_8.slice(0, 6)))
  })

  it('scales as rnd * (maxval - minval) + minval in float32, the difference included', () => {
    const out = randomUniform([8], { seed: 1, minval: -0.1, maxval: 0.7 })
    const range = Math.fround(Math.fround(0.7) - Math.fround(-0.1))
    const expected = SEED1_8.map((r) => Math.fround(Math.fround(Math.fround(r) * range) + Math.fround(-0.1)))
    expect(float32Bits(out.dataSync())).toEqual(float32Bits(expected))
  })

  it('gives float64 the same draws with double arithmetic', () => {
    const out = randomUniform([8], { seed: 1, minval: -0.1, maxval: 0.7, dtype: 'float64' })
    expect(out.dtype).toBe('float64')
    expect(out.toFlatArray()).toEqual(SEED1_8.map((r) => Math.fround(r) * (0.7 - -0.1) + -0.1))
  })

  it('stays within [minval, maxval) and has mean about the midpoint when unseeded', () => {
    const values = randomUniform([20000], { minval: 2, maxval: 4 }).toFlatArray()
    expect(Math.min(...values)).toBeGreaterThanOrEqual(2)
    expect(Math.max(...values)).toBeLessThan(4)
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 3)).toBeLessThan(0.05)
    expect(randomUniform([8]).toFlatArray()).not.toEqual(randomUniform([8]).toFlatArray())
  })

  it('rejects minval >= maxval, naming both', () => {
    expect(() => randomUniform([2], { minval: 1, maxval: 1 })).toThrow(
      'randomUniform: minval must be less than maxval, got minval 1, maxval 1',
    )
    expect(() => randomUniform([2], { maxval: -1 })).toThrow(
      'randomUniform: minval must be less than maxval, got minval 0, maxval -1',
    )
  })

  it('throws a ConfigError naming an unknown option, and rejects a non-finite bound', () => {
    expect(() => randomUniform([2], { min: 0 } as never)).toThrow(
      "randomUniform: unknown option 'min'; expected one of minval, maxval, seed, dtype",
    )
    expect(() => randomUniform([2], { maxval: Infinity })).toThrow(
      'randomUniform: maxval must be a finite number, got Infinity',
    )
    expect(() => randomUniform([2], null as never)).toThrow('randomUniform: options must be an object, got null')
  })
})
