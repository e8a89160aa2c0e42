import { describe, expect, it } from 'vitest'
import { DTypeError, add, div, maximum, minimum, mul, pow, sub, tensor } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

const binaryOps = { add, sub, mul, div, pow, maximum, minimum }

describe.each(Object.entries(binaryOps))('%s (shared checks)', (name, op) => {
  it('throws when an argument is not a Tensor or a number', () => {
    expect(() => op('x' as never, tensor([1]))).toThrow(
      new DTypeError(name, 'argument \'a\' must be a Tensor, got "x"'),
    )
    expect(() => op(tensor([1]), [1] as never)).toThrow(
      new DTypeError(name, "argument 'b' must be a Tensor, got an array"),
    )
    expect(() => op(tensor([1]), null as never)).toThrow(
      new DTypeError(name, "argument 'b' must be a Tensor, got null"),
    )
  })

  it('throws when a number operand cannot be held by an int32 partner', () => {
    const hint = 'which int32 cannot hold exactly; use a float dtype, or cast() to truncate'
    expect(() => op(int32([1, 2]), 2.5)).toThrow(new DTypeError(name, `b is 2.5, ${hint}`))
    expect(() => op(2 ** 31, int32([1]))).toThrow(new DTypeError(name, `a is 2147483648, ${hint}`))
    expect(() => op(int32([1]), NaN)).toThrow(new DTypeError(name, `b is NaN, ${hint}`))
    expect(op(int32([4]), -2).dtype).toBe('int32')
  })

  it('throws a DTypeError naming both dtypes when they differ', () => {
    const a = tensor([1, 2])
    const b = int32([1, 2])
    expect(() => op(a, b)).toThrow(new DTypeError(name, 'dtypes differ: a is float32, b is int32; cast one first'))
    expect(() => op(b, a)).toThrow(new DTypeError(name, 'dtypes differ: a is int32, b is float32; cast one first'))
    expect(a.toArray()).toEqual([1, 2])
    expect(b.toArray()).toEqual([1, 2])
  })

  it('rejects bool tensors', () => {
    expect(() => op(tensor([true]), tensor([false]))).toThrow(
      new DTypeError(name, 'a must have dtype float32 or float64 or int32, got bool'),
    )
  })

  it('propagates NaN from either side', () => {
    const out = op(tensor([NaN, 2]), tensor([3, NaN])).toArray() as number[]
    expect(out.every(Number.isNaN)).toBe(true)
  })

  it('keeps the dtype of its operands and leaves them untouched', () => {
    const a = float64([[1.5, 2]])
    const b = float64([[2], [0.5]])
    const out = op(a, b)
    expect(out.dtype).toBe('float64')
    expect(out.shape).toEqual([2, 2])
    expect(a.toArray()).toEqual([[1.5, 2]])
    expect(b.toArray()).toEqual([[2], [0.5]])
  })
})

describe('add', () => {
  it('adds elementwise', () => {
    expect(add(tensor([1, 2, 3]), tensor([4, 5, 6])).toArray()).toEqual([5, 7, 9])
  })

  it('rounds to float32 like float32 hardware', () => {
    expect(add(tensor([0.1]), tensor([0.2])).toArray()).toEqual([f32(f32(0.1) + f32(0.2))])
    expect(add(tensor([1e8]), tensor([1])).toArray()).toEqual([1e8])
  })

  it('is exact double arithmetic in float64', () => {
    expect(add(float64([0.1]), float64([0.2])).toArray()).toEqual([0.1 + 0.2])
    expect(add(float64([1e8]), float64([1])).toArray()).toEqual([100000001])
  })

  it('wraps around on int32 overflow', () => {
    expect(add(int32([2147483647, -5]), int32([1, 3])).toArray()).toEqual([-2147483648, -2])
  })

  it('gives a number operand the dtype of the tensor', () => {
    const out = add(int32([1, 2]), 3)
    expect(out.dtype).toBe('int32')
    expect(out.toArray()).toEqual([4, 5])
  })

  it('gives NaN for Infinity + -Infinity', () => {
    expect(add(tensor([Infinity]), tensor([-Infinity])).toArray()).toEqual([NaN])
  })
})

describe('sub', () => {
  it('subtracts elementwise in argument order', () => {
    expect(sub(tensor([5, 7]), tensor([1, 10])).toArray()).toEqual([4, -3])
    expect(sub(tensor([f32(0.3)]), tensor([f32(0.1)])).toArray()).toEqual([f32(f32(0.3) - f32(0.1))])
  })

  it('wraps around on int32 overflow', () => {
    expect(sub(int32([-2147483648]), int32([1])).toArray()).toEqual([2147483647])
  })
})

describe('mul', () => {
  it('multiplies elementwise (the seed v1 * v2)', () => {
    const v1 = tensor([
      [1, 2],
      [3, 4],
    ])
    const v2 = tensor([
      [5, 6],
      [7, 8],
    ])
    expect(mul(v1, v2).toArray()).toEqual([
      [5, 12],
      [21, 32],
    ])
  })

  it('rounds the product to float32', () => {
    expect(mul(tensor([0.1]), tensor([3])).toArray()).toEqual([f32(f32(0.1) * 3)])
  })

  it('wraps around on int32 overflow, like 32-bit multiplication', () => {
    expect(mul(int32([65536, 46341, -7]), int32([65536, 46341, 3])).toArray()).toEqual([
      0,
      Math.imul(46341, 46341),
      -21,
    ])
  })
})

describe('div', () => {
  it('divides elementwise, rounding to float32', () => {
    expect(div(tensor([1, 2, 1]), tensor([4, 8, 3])).toArray()).toEqual([0.25, 0.25, f32(1 / 3)])
  })

  it('follows IEEE for division by zero', () => {
    expect(div(tensor([1, -1, 0]), tensor([0, 0, 0])).toArray()).toEqual([Infinity, -Infinity, NaN])
  })

  it('floors on int32, as TensorFlow.js div does', () => {
    expect(div(int32([7, -7, 6, -6]), int32([2, 2, -4, -3])).toArray()).toEqual([3, -4, -2, 2])
  })
})

describe('pow', () => {
  it('raises elementwise', () => {
    expect(pow(tensor([2, 3, 4]), tensor([3, 2, 0.5])).toArray()).toEqual([8, 9, 2])
    expect(pow(tensor([2]), tensor([-1])).toArray()).toEqual([0.5])
    expect(pow(tensor([10]), tensor([0.1])).toArray()).toEqual([f32(Math.pow(10, f32(0.1)))])
  })

  it('gives NaN for a negative base and a fractional exponent', () => {
    expect(pow(tensor([-8]), tensor([1 / 3])).toArray()).toEqual([NaN])
  })

  it("follows C's pow at NaN and Infinity: 1 ** anything and (-1) ** ±Infinity are 1", () => {
    expect(pow(tensor([NaN, 1, 1, -1, -1, 2]), tensor([0, NaN, Infinity, Infinity, -Infinity, NaN])).toArray()).toEqual(
      [1, 1, 1, 1, 1, NaN],
    )
  })

  it('squares and raises to 1 by a scalar exponent exactly as Math.pow does', () => {
    const values = [3.7, -0, 0, -2.5, NaN, Infinity, -Infinity, 3e38, 1e-30, 1.401298464324817e-45]
    for (const [dtype, round] of [
      ['float32', f32],
      ['float64', (x: number) => x],
    ] as const) {
      const x = tensor(values, undefined, dtype)
      const stored = x.toFlatArray()
      expect(pow(x, 2).toFlatArray(), dtype).toEqual(stored.map((v) => round(Math.pow(v, 2))))
      expect(pow(x, 1).toFlatArray(), dtype).toEqual(stored.map((v) => round(Math.pow(v, 1))))
    }
    expect(Object.is(pow(tensor([-0]), 1).item(), -0)).toBe(true)
  })

  it('computes int32 powers exactly, wrapping like repeated 32-bit multiplication', () => {
    let wrapped = 1
    for (let i = 0; i < 40; i++) wrapped = Math.imul(wrapped, 3)
    expect(pow(int32([2, -3, 3, 7]), int32([10, 3, 40, 0])).toArray()).toEqual([1024, -27, wrapped, 1])
    expect(pow(int32([2147483647]), int32([2])).toArray()).toEqual([1])
    expect(pow(int32([2, -1, 1]), int32([-1, -3, -3])).toArray()).toEqual([0, -1, 1])
  })
})

describe('maximum', () => {
  it('takes the larger value elementwise', () => {
    expect(maximum(tensor([1, 5, 3]), tensor([4, 2, 3])).toArray()).toEqual([4, 5, 3])
    expect(maximum(tensor([1, 5]), 3).toArray()).toEqual([3, 5])
    expect(maximum(int32([-2, 9]), int32([0, 0])).toArray()).toEqual([0, 9])
  })

  it('is NaN where either input is NaN', () => {
    expect(maximum(tensor([NaN, 1, -Infinity]), tensor([1, NaN, NaN])).toArray()).toEqual([NaN, NaN, NaN])
  })
})

describe('minimum', () => {
  it('takes the smaller value elementwise', () => {
    expect(minimum(tensor([1, 5, 3]), tensor([4, 2, 3])).toArray()).toEqual([1, 2, 3])
    expect(minimum(tensor([[1], [5]]), tensor([3])).toArray()).toEqual([[1], [3]])
  })

  it('is NaN where either input is NaN', () => {
    expect(minimum(tensor([NaN, 1, Infinity]), tensor([1, NaN, NaN])).toArray()).toEqual([NaN, NaN, NaN])
  })
})

describe('inputs after binary arithmetic', () => {
  it('are unchanged by every op', () => {
    const a = tensor([
      [1, -2],
      [3, 0.5],
    ])
    const b = tensor([2, 4])
    const before = [a.toArray(), b.toArray()]
    for (const op of Object.values(binaryOps)) op(a, b)
    expect([a.toArray(), b.toArray()]).toEqual(before)
  })
})
