import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, add, floorDiv, mod, mul, randomUniform, tensor } from '../index'
import type { NestedArray } from '../index'

const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')
const signs = (values: readonly number[]) => values.map((v) => (Object.is(v, -0) ? '-0' : v))

/** Random int32 values in [-range, range), zeros replaced by `range` so they can divide. */
function randomIntegers(size: number, range: number, seed: number): number[] {
  return randomUniform([size], { minval: -range, maxval: range, seed })
    .toFlatArray()
    .map((v) => Math.floor(v) || range)
}

describe.each(Object.entries({ floorDiv, mod }))('%s (shared checks)', (name, op) => {
  it('refuses int32 division by zero, as TF does, before computing anything', () => {
    const a = int32([1, 2, 3])
    const b = int32([1, 0, 2])
    expect(() => op(a, b)).toThrow(
      new ConfigError(name, 'integer division by zero: b is 0 at flat index 1; TF refuses it too (use a float dtype)'),
    )
    expect(() => op(a, 0)).toThrow(
      new ConfigError(name, 'integer division by zero: b is 0; TF refuses it too (use a float dtype)'),
    )
    expect(b.toArray()).toEqual([1, 0, 2])
  })

  it('names the operands in its errors', () => {
    expect(() => op('a' as never, 1)).toThrow(new DTypeError(name, 'argument \'a\' must be a Tensor, got "a"'))
    expect(() => op(tensor([1]), int32([1]))).toThrow(
      new DTypeError(name, 'dtypes differ: a is float32, b is int32; cast one first'),
    )
    expect(() => op(tensor([true]), tensor([true]))).toThrow(
      new DTypeError(name, 'a must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => op(int32([1, 2]), int32([0, 1, 2]))).toThrow(ShapeError)
  })

  it('broadcasts as numpy does', () => {
    const out = op(int32([[7], [-7]]), int32([2, 3, -4]))
    expect(out.shape).toEqual([2, 3])
  })
})

describe('floorDiv', () => {
  it('rounds int32 quotients toward -inf', () => {
    expect(floorDiv(int32([7, -7, 7, -7, 6]), int32([2, 2, -2, -2, 3])).toArray()).toEqual([3, -4, -4, 3, 2])
  })

  it('wraps the one quotient int32 cannot hold, -2³¹ / -1, to -2³¹', () => {
    expect(floorDiv(int32([-2147483648]), int32([-1])).toArray()).toEqual([-2147483648])
    expect(mod(int32([-2147483648]), int32([-1])).toArray()).toEqual([0])
  })

  it('floors float quotients, with inf and NaN where the divisor is 0', () => {
    expect(floorDiv(tensor([7.5, -7.5, 1, -1, 0]), tensor([2, 2, 0, 0, 0])).toArray()).toEqual([
      3,
      -4,
      Infinity,
      -Infinity,
      NaN,
    ])
  })

  it('rounds the float32 quotient to float32 before the floor, as TF', () => {
    // 0.74212635 / 0.10601805 is 6.99999986 in double but exactly 7 in float32.
    const [a, b] = [0.7421263456344604, 0.1060180515050888]
    expect(floorDiv(tensor([a]), tensor([b])).toArray()).toEqual([7])
    expect(floorDiv(float64([a]), float64([b])).toArray()).toEqual([6])
  })

  it('agrees with floor(a / b) on random int32 operands', () => {
    const a = randomIntegers(1000, 1000, 1)
    const b = randomIntegers(1000, 30, 2)
    expect(floorDiv(int32(a), int32(b)).toFlatArray()).toEqual(a.map((x, i) => Math.floor(x / b[i]!)))
  })
})

describe('mod', () => {
  it('gives the result the sign of the divisor', () => {
    const a = [5, -5, 5, -5]
    const b = [3, 3, -3, -3]
    expect(mod(int32(a), int32(b)).toArray()).toEqual([2, 1, -1, -2])
    expect(mod(tensor(a), tensor(b)).toArray()).toEqual([2, 1, -1, -2])
    expect(mod(tensor([5.5, -5.5, 5.5, -5.5]), tensor(b)).toArray()).toEqual([2.5, 0.5, -0.5, -2.5])
  })

  it("follows TF1's steps at zeros: fmod's sign where the signs agree, fmod(b, b)'s where they differ", () => {
    expect(signs(mod(tensor([-4, 4, -0, 0, 6]), tensor([2, -2, 3, -3, 3])).toFlatArray())).toEqual([
      0,
      '-0',
      '-0',
      '-0',
      0,
    ])
  })

  it('rounds remainder + b to float32 before the second fmod, so a tiny negative a gives 0, not b', () => {
    expect(mod(tensor([-1e-10]), tensor([1])).toArray()).toEqual([0])
    expect(mod(float64([-1e-10]), float64([1])).toArray()).toEqual([1 - 1e-10])
  })

  it("follows TF1's kernel at infinities and zero divisors", () => {
    expect(mod(tensor([5, -5, Infinity, 5, NaN]), tensor([Infinity, Infinity, 3, 0, 3])).toArray()).toEqual([
      5,
      NaN,
      NaN,
      NaN,
      NaN,
    ])
  })

  it('satisfies a = floorDiv(a, b) · b + mod(a, b) exactly on random int32 operands', () => {
    const a = int32(randomIntegers(1000, 100000, 3))
    const b = int32(randomIntegers(1000, 300, 4))
    expect(add(mul(floorDiv(a, b), b), mod(a, b)).toArray()).toEqual(a.toArray())
    const quotientSign = mod(a, b)
      .toFlatArray()
      .every((r, i) => r === 0 || r < 0 === b.toFlatArray()[i]! < 0)
    expect(quotientSign).toBe(true)
  })

  it("matches Python's float % on random float64 operands", () => {
    const a = randomUniform([1000], { minval: -50, maxval: 50, seed: 5, dtype: 'float64' }).toFlatArray()
    const b = randomUniform([1000], { minval: -7, maxval: 7, seed: 6, dtype: 'float64' }).toFlatArray()
    const python = (x: number, y: number) => {
      const r = x % y
      return r !== 0 && r < 0 !== y < 0 ? r + y : r
    }
    expect(mod(float64(a), float64(b)).toFlatArray()).toEqual(a.map((x, i) => python(x, b[i]!)))
  })
})
