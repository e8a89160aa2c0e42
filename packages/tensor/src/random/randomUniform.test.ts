import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError } from '../errors'
import { Philox } from './philox'
import { randomUniform } from './randomUniform'
import { DEFAULT_GRAPH_SEED } from './tfSeeds'

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

  it('stays within [minval, maxval) and has mean about the midpoint', () => {
    // Seeded: a fixed sample, so the bound (about 7 standard errors) cannot fail by chance.
    const values = randomUniform([20000], { minval: 2, maxval: 4, seed: 3 }).toFlatArray()
    expect(Math.min(...values)).toBeGreaterThanOrEqual(2)
    expect(Math.max(...values)).toBeLessThan(4)
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 3)).toBeLessThan(0.05)
  })

  it('differs from call to call without a seed', () => {
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

describe('randomUniform with dtype int32', () => {
  /** The Philox words TF1 draws for op seed `seed`, in order. */
  function words(seed: number, count: number): number[] {
    const generator = new Philox(DEFAULT_GRAPH_SEED, seed)
    const out: number[] = []
    while (out.length < count) out.push(...generator.next())
    return out.slice(0, count)
  }

  it('equals TF1 random_uniform([8], seed=1) for a range of 2^23: the mantissas of its float draws', () => {
    const out = randomUniform([8], { maxval: 2 ** 23, dtype: 'int32', seed: 1 })
    expect(out.dtype).toBe('int32')
    expect(out.toFlatArray()).toEqual(SEED1_8.map((r) => r * 2 ** 23))
  })

  it('is minval + word mod (maxval - minval), TF1 RandomUniformInt, for any range', () => {
    const out = randomUniform([3, 3], { minval: -7, maxval: 1000, dtype: 'int32', seed: 42 })
    expect(out.shape).toEqual([3, 3])
    expect(out.toFlatArray()).toEqual(words(42, 9).map((w) => -7 + (w % 1007)))
    const full = randomUniform([5], { minval: -(2 ** 31), maxval: 2 ** 31 - 1, dtype: 'int32', seed: 5 })
    expect(full.toFlatArray()).toEqual(words(5, 5).map((w) => -(2 ** 31) + (w % (2 ** 32 - 1))))
  })

  it('reproduces its values from the same seed', () => {
    const draw = () => randomUniform([100], { minval: 3, maxval: 9, dtype: 'int32', seed: 11 }).toFlatArray()
    expect(draw()).toEqual(draw())
  })

  it('covers the range evenly: seeded counts of 0..9 within 4 standard deviations', () => {
    const values = randomUniform([100000], { maxval: 10, dtype: 'int32', seed: 7 }).toFlatArray()
    const counts = new Array<number>(10).fill(0)
    for (const v of values) counts[v]!++
    // Binomial(100000, 0.1): standard deviation about 95.
    for (const count of counts) expect(Math.abs(count - 10000)).toBeLessThan(4 * 95)
  })

  it('needs an integer maxval, integer bounds in int32 and minval < maxval', () => {
    expect(() => randomUniform([2], { dtype: 'int32' })).toThrow(
      new ConfigError('randomUniform', 'maxval must be given for dtype int32, as in TF1'),
    )
    expect(() => randomUniform([2], { maxval: 2.5, dtype: 'int32' })).toThrow(
      new ConfigError('randomUniform', 'maxval must be an integer >= -2147483648 and <= 2147483647, got 2.5'),
    )
    expect(() => randomUniform([2], { minval: -(2 ** 31) - 1, maxval: 0, dtype: 'int32' })).toThrow(ConfigError)
    expect(() => randomUniform([2], { minval: 4, maxval: 4, dtype: 'int32' })).toThrow(
      new ConfigError('randomUniform', 'minval must be less than maxval, got minval 4, maxval 4'),
    )
    expect(() => randomUniform([2], { dtype: 'bool' as never })).toThrow(
      new DTypeError('randomUniform', 'dtype must be float32, float64 or int32, got "bool"'),
    )
  })
})
