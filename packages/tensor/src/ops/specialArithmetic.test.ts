import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, divNoNan, randomUniform, reciprocal, rsqrt, squaredDifference, tensor } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')
const signs = (values: readonly number[]) => values.map((v) => (Object.is(v, -0) ? '-0' : v))

describe.each(Object.entries({ reciprocal, rsqrt }))('%s (shared checks)', (name, op) => {
  it('throws when x is not a Tensor and refuses int32', () => {
    expect(() => op(null as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got null"))
    expect(() => op(int32([4]))).toThrow(new DTypeError(name, 'x must have dtype float32 or float64, got int32'))
  })

  it('keeps shape and dtype and leaves x untouched', () => {
    const x = float64([[4], [0.25]])
    expect(op(x).shape).toEqual([2, 1])
    expect(op(x).dtype).toBe('float64')
    expect(x.toArray()).toEqual([[4], [0.25]])
  })
})

describe('reciprocal', () => {
  it('is ±inf at ±0, ±0 at ±inf, NaN at NaN', () => {
    expect(signs(reciprocal(tensor([0, -0, Infinity, -Infinity, NaN, 4])).toFlatArray())).toEqual([
      Infinity,
      -Infinity,
      0,
      '-0',
      NaN,
      0.25,
    ])
  })

  it('is the correctly rounded 1 / x on random float32 inputs', () => {
    const x = randomUniform([1000], { minval: -100, maxval: 100, seed: 12 })
    expect(reciprocal(x).toFlatArray()).toEqual(x.toFlatArray().map((v) => f32(1 / v)))
  })
})

describe('rsqrt', () => {
  it('is inf at 0, -inf at -0, 0 at inf and NaN below 0', () => {
    expect(rsqrt(tensor([0, -0, Infinity, -1, NaN, 4, 0.25])).toArray()).toEqual([
      Infinity,
      -Infinity,
      0,
      NaN,
      NaN,
      0.5,
      2,
    ])
  })

  it('is within half a float32 ulp of 1 / sqrt(x) on random inputs', () => {
    const x = randomUniform([2000], { minval: 1e-3, maxval: 1e3, seed: 13 }).toFlatArray()
    const got = rsqrt(tensor(x)).toFlatArray()
    got.forEach((y, i) => {
      const exact = 1 / Math.sqrt(x[i]!)
      const ulp = 2 ** (Math.floor(Math.log2(exact)) - 23)
      expect(Math.abs(y - exact)).toBeLessThanOrEqual(ulp / 2)
    })
  })
})

describe('squaredDifference', () => {
  it('broadcasts, on every numeric dtype', () => {
    expect(squaredDifference(tensor([[1], [5]]), tensor([3, 0])).toArray()).toEqual([
      [4, 1],
      [4, 25],
    ])
    expect(squaredDifference(int32([7, -2]), 3).toArray()).toEqual([16, 25])
    expect(squaredDifference(float64([0.1]), 0.3).toArray()).toEqual([(0.1 - 0.3) * (0.1 - 0.3)])
  })

  it('rounds the difference to float32 before squaring, as TF', () => {
    // 2²⁴ - 0.5 rounds to 2²⁴ in float32, whose square is 2⁴⁸; the double square would round to 2⁴⁸ - 2²⁴.
    expect(squaredDifference(tensor([16777216]), 0.5).toArray()).toEqual([2 ** 48])
  })

  it('names itself and its operands in its errors', () => {
    expect(() => squaredDifference(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(
      new ShapeError('squaredDifference', 'shapes [2] and [3] cannot be broadcast together'),
    )
    expect(() => squaredDifference(tensor([1]), int32([1]))).toThrow(
      new DTypeError('squaredDifference', 'dtypes differ: a is float32, b is int32; cast one first'),
    )
    expect(() => squaredDifference(tensor([true]), tensor([true]))).toThrow(
      new DTypeError('squaredDifference', 'a must have dtype float32 or float64 or int32, got bool'),
    )
  })
})

describe('divNoNan', () => {
  it('is 0 wherever the divisor is 0, whatever the dividend', () => {
    const a = tensor([1, 1, NaN, Infinity, 0, -3])
    const b = tensor([2, 0, 0, -0, 0, NaN])
    expect(divNoNan(a, b).toArray()).toEqual([0.5, 0, 0, 0, 0, NaN])
  })

  it('broadcasts, and equals a / b elsewhere', () => {
    const a = randomUniform([30, 1], { minval: -5, maxval: 5, seed: 14, dtype: 'float64' })
    const b = float64([0.5, 0, -2])
    const out = divNoNan(a, b)
    expect(out.shape).toEqual([30, 3])
    expect(out.toFlatArray()).toEqual(a.toFlatArray().flatMap((x) => [x / 0.5, 0, x / -2]))
  })

  it('takes float dtypes only and names itself in its errors', () => {
    expect(() => divNoNan(int32([1]), int32([0]))).toThrow(
      new DTypeError('divNoNan', 'a must have dtype float32 or float64, got int32'),
    )
    expect(() => divNoNan(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(
      new ShapeError('divNoNan', 'shapes [2] and [3] cannot be broadcast together'),
    )
  })
})
