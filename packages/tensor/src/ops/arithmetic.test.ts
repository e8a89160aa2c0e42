import { describe, expect, it } from 'vitest'
import {
  DTypeError,
  ShapeError,
  abs,
  add,
  div,
  exp,
  log,
  log1p,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  scalar,
  sign,
  sqrt,
  square,
  sub,
  tensor,
} from '../index'
import type { NestedArray, Tensor } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

const binaryOps = { add, sub, mul, div, pow, maximum, minimum }
const unaryOps = { neg, square, sqrt, exp, log, log1p, abs, sign }

/** `a - b` by index arithmetic alone: the numpy broadcasting rule written out. */
function broadcastSubReference(aShape: number[], bShape: number[]): { shape: number[]; values: number[] } {
  const rank = Math.max(aShape.length, bShape.length)
  const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s]
  const [pa, pb] = [pad(aShape), pad(bShape)]
  const shape = pa.map((d, i) => (d === 1 ? pb[i]! : d))
  const flatIndex = (dims: number[], coords: number[]) =>
    coords.reduce((index, c, i) => index * dims[i]! + (dims[i] === 1 ? 0 : c), 0)
  const size = shape.reduce((n, d) => n * d, 1)
  const values = Array.from({ length: size }, (_, flat) => {
    const coords = shape.map(
      (_, axis) => Math.floor(flat / shape.slice(axis + 1).reduce((n, d) => n * d, 1)) % shape[axis]!,
    )
    return flatIndex(pa, coords) + 1 - (flatIndex(pb, coords) + 1) * 100
  })
  return { shape, values }
}

const sequence = (shape: number[], scale: number) =>
  tensor(
    Array.from({ length: shape.reduce((n, d) => n * d, 1) }, (_, i) => (i + 1) * scale),
    shape,
  )

describe('broadcasting (binary arithmetic)', () => {
  const pairs: [number[], number[]][] = [
    [
      [2, 3],
      [2, 3],
    ],
    [[2, 3], []],
    [[], [2, 3]],
    [[2, 3], [3]],
    [[3], [2, 3]],
    [
      [2, 3],
      [1, 3],
    ],
    [[2, 1], [2]],
    [[2], [2, 1]],
    [
      [2, 1],
      [1, 3],
    ],
    [
      [3, 1, 2],
      [2, 2],
    ],
    [
      [2, 2],
      [3, 1, 2],
    ],
    [
      [4, 1, 3],
      [1, 5, 1],
    ],
    [
      [2, 3, 4],
      [3, 1],
    ],
    [
      [1, 1, 3],
      [2, 1],
    ],
    [[1], [2, 2]],
    [[0, 3], [3]],
    [
      [2, 1, 3, 1],
      [1, 4, 1, 5],
    ],
    [
      [4, 1, 3],
      [4, 5, 1],
    ],
    [
      [1, 2, 1],
      [3, 1, 4],
    ],
    [
      [2, 3, 1],
      [2, 3, 4],
    ],
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    [
      [5, 1],
      [1, 1],
    ],
    [[1, 1], [1]],
  ]
  it.each(pairs)('broadcasts %j with %j like numpy', (aShape, bShape) => {
    const expected = broadcastSubReference(aShape, bShape)
    const out = sub(sequence(aShape, 1), sequence(bShape, 100))
    expect(out.shape).toEqual(expected.shape)
    expect(out.toFlatArray()).toEqual(expected.values)
  })

  it('broadcasts [2, 1] + [2]', () => {
    expect(add(tensor([[1], [2]]), tensor([10, 20])).toArray()).toEqual([
      [11, 21],
      [12, 22],
    ])
  })

  it('broadcasts a scalar with a tensor on either side', () => {
    expect(sub(scalar(10), tensor([[1, 2]])).toArray()).toEqual([[9, 8]])
    expect(sub(tensor([[1, 2]]), scalar(10)).toArray()).toEqual([[-9, -8]])
    expect(div(tensor([1, 2]), 4).toArray()).toEqual([0.25, 0.5])
    expect(div(4, tensor([1, 2])).toArray()).toEqual([4, 2])
  })

  it('gives a float32 scalar when both operands are numbers', () => {
    const out = add(0.1, 0.2)
    expect(out.dtype).toBe('float32')
    expect(out.shape).toEqual([])
    expect(out.toArray()).toBe(f32(f32(0.1) + f32(0.2)))
  })

  it.each(Object.entries(binaryOps))('%s throws a ShapeError naming both shapes', (name, op) => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const b = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    expect(() => op(a, b)).toThrow(new ShapeError(name, 'shapes [2, 3] and [3, 2] cannot be broadcast together'))
    expect(() => op(tensor([1, 2, 3]), tensor([1, 2, 3, 4]))).toThrow(
      new ShapeError(name, 'shapes [3] and [4] cannot be broadcast together'),
    )
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(b.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
  })
})

describe.each(Object.entries(binaryOps))('%s (shared checks)', (name, op) => {
  it('throws when an argument is not a Tensor or a number', () => {
    expect(() => op('x' as never, tensor([1]))).toThrow(
      new DTypeError(name, "argument 'a' must be a Tensor, got string"),
    )
    expect(() => op(tensor([1]), [1] as never)).toThrow(
      new DTypeError(name, "argument 'b' must be a Tensor, got an array"),
    )
    expect(() => op(tensor([1]), null as never)).toThrow(
      new DTypeError(name, "argument 'b' must be a Tensor, got null"),
    )
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

describe.each(Object.entries(unaryOps))('%s (shared checks)', (name, op) => {
  it('throws when x is not a Tensor', () => {
    expect(() => op('x' as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got string"))
    expect(() => op(3 as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got number"))
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

describe('inputs after arithmetic', () => {
  it('are unchanged by every op', () => {
    const a = tensor([
      [1, -2],
      [3, 0.5],
    ])
    const b = tensor([2, 4])
    const before = [a.toArray(), b.toArray()]
    const results: Tensor[] = [
      ...Object.values(binaryOps).map((op) => op(a, b)),
      ...Object.values(unaryOps).map((op) => op(a)),
    ]
    expect(results).toHaveLength(15)
    expect([a.toArray(), b.toArray()]).toEqual(before)
  })
})
