import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  DTypeError,
  ShapeError,
  gelu,
  logSigmoid,
  logSumExp,
  randomUniform,
  sigmoid,
  silu,
  swish,
  tensor,
} from '../index'
import type { NestedArray } from '../index'
import { maclaurinErf } from '../kernels/erfReference'

const f32 = Math.fround
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

/** |got - want| in units of float32's spacing at `want`. */
const ulps32 = (got: number, want: number) => Math.abs(got - want) / 2 ** (Math.floor(Math.log2(Math.abs(want))) - 23)

describe('gelu', () => {
  it('is 0.5 · x · (1 + erf(x / √2)): within 3 float32 ulps of the float64 value on random inputs', () => {
    const x = randomUniform([1000], { minval: -4, maxval: 4, seed: 16 }).toFlatArray()
    const got = gelu(tensor(x)).toFlatArray()
    got.forEach((y, i) => {
      const v = x[i]!
      const want = 0.5 * v * (1 + maclaurinErf(v / Math.SQRT2))
      // Near x = -4 the value is tiny and the float32 steps lose relative precision in 1 + erf: bound absolutely.
      expect(Math.min(ulps32(y, want), Math.abs(y - want) / 1e-7)).toBeLessThan(3)
    })
  })

  it('uses the tanh form with approximate: true', () => {
    const x = [-3, -1, -0.1, 0.5, 2]
    const tanhForm = (v: number) => 0.5 * v * (1 + Math.tanh(0.7978845608028654 * (v + 0.044715 * v ** 3)))
    const got = gelu(float64(x), { approximate: true }).toFlatArray()
    got.forEach((y, i) => expect(y).toBeCloseTo(tanhForm(x[i]!), 14))
    expect(gelu(tensor([1]), { approximate: true }).item()).not.toBe(gelu(tensor([1])).item())
  })

  it("rounds each of TF's steps to float32, and passes NaN and infinities as TF", () => {
    const steps = (v: number) => f32(f32(0.5 * v) * f32(1 + f32(maclaurinErf(f32(v / Math.SQRT2)))))
    // 0.8413447 is one ulp below the correctly rounded gelu(1), 0.8413448: TF's float32 steps give it.
    expect(gelu(tensor([0, 1, -1, 2.5])).toArray()).toEqual([0, steps(1), steps(-1), steps(2.5)])
    expect(steps(1)).toBe(f32(0.8413447))
    expect(gelu(tensor([Infinity, -Infinity, NaN])).toArray()).toEqual([Infinity, NaN, NaN])
  })

  it('refuses unknown options and a non-boolean approximate; undefined options mean the defaults', () => {
    expect(() => gelu(tensor([1]), { aproximate: true } as never)).toThrow(
      new ConfigError('gelu', "unknown option 'aproximate'; expected one of approximate"),
    )
    expect(() => gelu(tensor([1]), { approximate: 'yes' } as never)).toThrow(
      new ConfigError('gelu', 'approximate must be a boolean, got "yes"'),
    )
    expect(gelu(tensor([1]), undefined).toArray()).toEqual(gelu(tensor([1])).toArray())
  })
})

describe('silu', () => {
  it('is x · sigmoid(x) with float32 steps, and swish is the same function', () => {
    const x = randomUniform([200], { minval: -8, maxval: 8, seed: 17 })
    const s = sigmoid(x).toFlatArray()
    expect(silu(x).toFlatArray()).toEqual(x.toFlatArray().map((v, i) => f32(v * s[i]!)))
    expect(swish).toBe(silu)
  })
})

describe('logSigmoid', () => {
  it('is log(sigmoid(x)), finite far from 0', () => {
    const x = [-100, -1, 0, 1, 30]
    const got = logSigmoid(float64(x)).toFlatArray()
    got.forEach((y, i) => expect(y).toBeCloseTo(-Math.log1p(Math.exp(-x[i]!)), 14))
    expect(logSigmoid(tensor([0])).toArray()).toEqual([f32(-Math.LN2)])
    expect(logSigmoid(tensor([-200])).toArray()).toEqual([-200])
  })
})

describe('logSumExp', () => {
  /** log Σ exp over one row in float64, shifted by the row's maximum. */
  const rowLogSumExp = (row: number[]) => {
    const top = Math.max(...row)
    return top + Math.log(row.reduce((total, v) => total + Math.exp(v - top), 0))
  }

  it('reduces all axes by default, or the given ones, with keepDims', () => {
    const x = tensor([
      [0, 0],
      [1, 1],
    ])
    expect(logSumExp(x).shape).toEqual([])
    expect(logSumExp(x).item()).toBeCloseTo(Math.log(2 + 2 * Math.E), 6)
    expect(logSumExp(x, 1).toArray()).toEqual([f32(Math.LN2), f32(1 + Math.LN2)])
    expect(logSumExp(x, -1, true).shape).toEqual([2, 1])
    expect(logSumExp(x, [0, 1], true).shape).toEqual([1, 1])
  })

  it('is stable for large values and exact at infinities, as TF1', () => {
    expect(logSumExp(tensor([1000, 1000])).item()).toBe(f32(1000 + Math.LN2))
    expect(logSumExp(tensor([-1000, -1000])).item()).toBe(f32(-1000 + Math.LN2))
    expect(logSumExp(tensor([-Infinity, -Infinity])).item()).toBe(-Infinity)
    expect(logSumExp(tensor([Infinity, 1])).item()).toBe(Infinity)
    expect(logSumExp(tensor([NaN, 1])).item()).toBeNaN()
  })

  it('matches a float64 reference on random rows within float32 rounding', () => {
    const x = randomUniform([50, 20], { minval: -30, maxval: 30, seed: 18 })
    const rows = x.toArray() as number[][]
    logSumExp(x, 1)
      .toFlatArray()
      .forEach((y, i) => expect(ulps32(y, rowLogSumExp(rows[i]!))).toBeLessThan(4))
  })

  it('validates its arguments under its own name', () => {
    expect(() => logSumExp(tensor([1], undefined, 'int32'))).toThrow(
      new DTypeError('logSumExp', 'x must have dtype float32 or float64, got int32'),
    )
    expect(() => logSumExp(tensor([1]), 1)).toThrow(ShapeError)
    expect(() => logSumExp(tensor([1]), 0, 'yes' as never)).toThrow(
      new ConfigError('logSumExp', 'keepDims must be a boolean, got "yes"'),
    )
    expect(() => logSumExp(tensor([], [2, 0]), 1)).toThrow(
      new ShapeError('logSumExp', 'cannot reduce an empty axis of a tensor of shape [2, 0]'),
    )
  })
})
