import { describe, expect, it } from 'vitest'
import { DTypeError, abs, exp, log, log1p, neg, sign, sqrt, square, tensor } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

const unaryOps = { neg, square, sqrt, exp, log, log1p, abs, sign }

describe.each(Object.entries(unaryOps))('%s (shared checks)', (name, op) => {
  it('throws when x is not a Tensor', () => {
    expect(() => op('x' as never)).toThrow(new DTypeError(name, 'argument \'x\' must be a Tensor, got "x"'))
    expect(() => op(3 as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got 3"))
    expect(() => op(undefined as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got undefined"))
  })

  it('maps NaN to NaN', () => {
    expect(op(tensor([NaN])).toArray()).toEqual([NaN])
  })

  it('keeps shape and dtype and leaves x untouched', () => {
    const x = float64([[0.25], [4]])
    const out = op(x)
    expect(out.shape).toEqual([2, 1])
    expect(out.dtype).toBe('float64')
    expect(x.toArray()).toEqual([[0.25], [4]])
  })

  it('rejects bool tensors', () => {
    expect(() => op(tensor([true]))).toThrow(DTypeError)
  })
})

describe('neg', () => {
  it('negates, wrapping at the int32 minimum', () => {
    expect(neg(tensor([1, -2.5])).toArray()).toEqual([-1, 2.5])
    expect(neg(int32([5, -2147483648])).toArray()).toEqual([-5, -2147483648])
  })
})

describe('square', () => {
  it('squares, rounding to float32', () => {
    expect(square(tensor([3, -0.5])).toArray()).toEqual([9, 0.25])
    expect(square(tensor([0.1])).toArray()).toEqual([f32(f32(0.1) * f32(0.1))])
  })

  it('wraps around on int32 overflow', () => {
    expect(square(int32([-4, 65536, 46341])).toArray()).toEqual([16, 0, Math.imul(46341, 46341)])
  })
})

describe('sqrt', () => {
  it('is the correctly rounded float32 square root', () => {
    expect(sqrt(tensor([4, 2, 0])).toArray()).toEqual([2, f32(Math.SQRT2), 0])
  })

  it('is NaN below zero', () => {
    expect(sqrt(tensor([-1])).toArray()).toEqual([NaN])
  })

  it('rejects int32 with a message naming the allowed dtypes', () => {
    expect(() => sqrt(int32([4]))).toThrow(new DTypeError('sqrt', 'x must have dtype float32 or float64, got int32'))
  })
})

describe('exp', () => {
  it('rounds e ** x to float32', () => {
    expect(exp(tensor([0, 1, -1])).toArray()).toEqual([1, f32(Math.E), f32(Math.exp(-1))])
  })

  it('overflows to Infinity where float32 does, not where float64 does', () => {
    expect(exp(tensor([89])).toArray()).toEqual([Infinity])
    expect(exp(float64([89])).toArray()).toEqual([Math.exp(89)])
  })
})

describe('log', () => {
  it('matches the seed: float32 bits equal fround(Math.log(x))', () => {
    const v = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const expected = [1, 2, 3, 4, 5, 6].map((x) => f32(Math.log(x)))
    expect(log(v).dataSync()).toEqual(new Float32Array(expected))
    expect(log(v).toArray()).toEqual([
      [0, f32(0.6931472), f32(1.0986123)],
      [f32(1.3862944), f32(1.609438), f32(1.7917595)],
    ])
  })

  it('gives -Infinity at 0 and NaN below 0', () => {
    expect(log(tensor([0, -1])).toArray()).toEqual([-Infinity, NaN])
  })

  it('is correctly rounded, fround(Math.log(x)), across the float32 range', () => {
    const bits = new Uint32Array([
      ...Array.from({ length: 0x7f800000 / 4099 }, (_, i) => i * 4099 + 1), // every exponent, subnormals included
      ...Array.from({ length: 1 << 17 }, (_, i) => 0x3f800000 - (1 << 16) + i), // both sides of 1
      0x00000000,
      0x80000000,
      0x00000001,
      0x007fffff,
      0x00800000,
      0x7f7fffff,
      0x7f800000,
      0xff800000,
      0x7fc00000,
      0xbf800000,
    ])
    const x = new Float32Array(bits.buffer)
    const out = log(tensor(x)).dataSync()
    const mismatches = Array.from(x.keys()).filter((i) => !Object.is(out[i], f32(Math.log(x[i]!))))
    expect(mismatches.slice(0, 5).map((i) => x[i])).toEqual([])
  })

  it('rejects int32', () => {
    expect(() => log(int32([1]))).toThrow(new DTypeError('log', 'x must have dtype float32 or float64, got int32'))
  })
})

describe('log1p', () => {
  it('stays accurate near 0, where log(1 + x) would round to 0', () => {
    const tiny = f32(1e-10)
    expect(log1p(tensor([tiny])).toArray()).toEqual([f32(Math.log1p(tiny))])
    expect(log1p(tensor([tiny])).item()).toBeGreaterThan(0)
  })

  it('gives log(2) at 1 and -Infinity at -1', () => {
    expect(log1p(tensor([1, -1])).toArray()).toEqual([f32(Math.LN2), -Infinity])
  })
})

describe('abs', () => {
  it('takes the absolute value', () => {
    expect(abs(tensor([-2, 3, -0.5])).toArray()).toEqual([2, 3, 0.5])
    expect(abs(int32([-7, 7])).toArray()).toEqual([7, 7])
  })
})

describe('sign', () => {
  it('gives -1, 0 or 1', () => {
    expect(sign(tensor([-2, 0, 3, -Infinity])).toArray()).toEqual([-1, 0, 1, -1])
    expect(sign(int32([-9, 0, 4])).toArray()).toEqual([-1, 0, 1])
  })
})

describe('inputs after unary arithmetic', () => {
  it('are unchanged by every op', () => {
    const x = tensor([
      [1, -2],
      [3, 0.5],
    ])
    for (const op of Object.values(unaryOps)) op(x)
    expect(x.toArray()).toEqual([
      [1, -2],
      [3, 0.5],
    ])
  })
})
