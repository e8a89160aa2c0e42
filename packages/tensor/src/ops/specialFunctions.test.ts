import { describe, expect, it } from 'vitest'
import { DTypeError, erf, expm1, randomUniform, tensor } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')
const signs = (values: readonly number[]) => values.map((v) => (Object.is(v, -0) ? '-0' : v))

describe.each(Object.entries({ erf, expm1 }))('%s (shared checks)', (name, op) => {
  it('throws when x is not a Tensor and refuses int32', () => {
    expect(() => op(2 as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got 2"))
    expect(() => op(int32([1]))).toThrow(new DTypeError(name, 'x must have dtype float32 or float64, got int32'))
  })

  it('keeps the sign of zero, maps NaN to NaN and leaves x untouched', () => {
    const x = tensor([0, -0, NaN])
    expect(signs(op(x).toFlatArray())).toEqual([0, '-0', NaN])
    expect(signs(x.toFlatArray())).toEqual([0, '-0', NaN])
  })
})

describe('erf', () => {
  it('matches published values, rounded to float32', () => {
    // Abramowitz and Stegun, table 7.1.
    const x = [0.1, 0.5, 1, 2, -1.5]
    const published = [
      0.1124629160182849, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, -0.9661051464753108,
    ]
    expect(erf(tensor(x)).toArray()).toEqual(published.map(f32))
    expect(
      erf(float64(x))
        .toFlatArray()
        .map((v, i) => Math.abs(v - published[i]!)),
    ).toEqual(x.map(() => expect.closeTo(0, 15)))
  })

  it('saturates to ±1 in float32 from |x| ≈ 3.92 and at ±inf', () => {
    expect(erf(tensor([4, -4, Infinity, -Infinity])).toArray()).toEqual([1, -1, 1, -1])
    expect(erf(tensor([3.5])).toArray()).toEqual([f32(0.9999992569016276)])
  })

  it('is odd on random inputs', () => {
    const x = randomUniform([500], { minval: -5, maxval: 5, seed: 10 })
    const negated = tensor(x.toFlatArray().map((v) => -v))
    expect(erf(negated).toFlatArray()).toEqual(
      erf(x)
        .toFlatArray()
        .map((v) => -v),
    )
  })
})

describe('expm1', () => {
  it('is accurate near 0, where exp(x) - 1 would cancel', () => {
    expect(expm1(tensor([1e-10, -1e-20])).toArray()).toEqual([f32(1e-10), f32(-1e-20)])
    expect(expm1(float64([1e-10])).toArray()).toEqual([1.00000000005e-10])
  })

  it('is -1 at -inf, inf at inf and overflows float32 past 88.73', () => {
    expect(expm1(tensor([-Infinity, Infinity, 89, -200])).toArray()).toEqual([-1, Infinity, Infinity, -1])
  })

  it('rounds Math.expm1 once to float32 on random inputs', () => {
    const x = randomUniform([2000], { minval: -20, maxval: 20, seed: 11 })
    expect(expm1(x).toFlatArray()).toEqual(x.toFlatArray().map((v) => f32(Math.expm1(v))))
  })
})
