import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, max, mean, min, prod, range, reshape, square, sub, sum, tensor, zeros } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

/** Sequential float32 accumulation, left to right, from 0: TF1's CPU reduction order. */
function sequentialF32Sum(values: readonly number[]): number {
  let acc = 0
  for (const v of values) acc = f32(acc + f32(v))
  return acc
}

const M = () =>
  tensor([
    [1, 2],
    [3, 4],
  ])
// x[i][j][k] = 12 i + 4 j + k
const cube = () => reshape(range(0, 24), [2, 3, 4])

const reductions = { sum, prod, max, min, mean }

describe.each(Object.entries(reductions))('%s (shared checks)', (name, op) => {
  it('reduces every axis to a scalar by default', () => {
    const out = op(M())
    expect(out.shape).toEqual([])
    expect(out.dtype).toBe('float32')
  })

  it('keeps reduced axes as length 1 with keepDims', () => {
    expect(op(cube(), 1, true).shape).toEqual([2, 1, 4])
    expect(op(cube(), [0, 2], true).shape).toEqual([1, 3, 1])
    expect(op(cube(), undefined, true).shape).toEqual([1, 1, 1])
    expect(op(cube(), 1).shape).toEqual([2, 4])
  })

  it('counts negative axes from the end and accepts axes in any order', () => {
    expect(op(cube(), -1).toArray()).toEqual(op(cube(), 2).toArray())
    expect(op(cube(), [2, 0]).toArray()).toEqual(op(cube(), [0, 2]).toArray())
    expect(op(cube(), [-3, -1]).toArray()).toEqual(op(cube(), [0, 2]).toArray())
  })

  it('propagates NaN', () => {
    expect(op(tensor([1, NaN, 3])).toArray()).toBe(NaN)
    expect(op(tensor([NaN, 1, 3])).toArray()).toBe(NaN)
    expect(
      op(
        tensor([
          [1, NaN],
          [2, 3],
        ]),
        1,
      ).toArray(),
    ).toEqual([NaN, op(tensor([2, 3])).toArray()])
  })

  it('throws naming the axis and the rank when the axis is out of range', () => {
    expect(() => op(M(), 2)).toThrow(new ShapeError(name, 'axis 2 is out of range for a tensor of rank 2'))
    expect(() => op(M(), -3)).toThrow(new ShapeError(name, 'axis -3 is out of range for a tensor of rank 2'))
    expect(() => op(M(), [0, 5])).toThrow(new ShapeError(name, 'axis 5 is out of range for a tensor of rank 2'))
    expect(() => op(M(), 0.5)).toThrow(new ShapeError(name, 'axis 0.5 is out of range for a tensor of rank 2'))
    expect(() => op(tensor(3), 0)).toThrow(new ShapeError(name, 'axis 0 is out of range for a tensor of rank 0'))
  })

  it('throws when an axis repeats', () => {
    expect(() => op(M(), [0, -2])).toThrow(new ShapeError(name, 'axes [0, -2] repeat an axis'))
  })

  it('throws on bool and on a non-Tensor', () => {
    expect(() => op(tensor([true]))).toThrow(
      new DTypeError(name, 'x must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => op('x' as never)).toThrow(new DTypeError(name, 'argument \'x\' must be a Tensor, got "x"'))
  })

  it('leaves the input untouched, after success and after an error', () => {
    const x = M()
    op(x, 0, true)
    expect(() => op(x, 7)).toThrow(ShapeError)
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })
})

describe('sum', () => {
  it('sums all, one or several axes', () => {
    expect(sum(M()).toArray()).toBe(10)
    expect(sum(M(), 0).toArray()).toEqual([4, 6])
    expect(sum(M(), 1).toArray()).toEqual([3, 7])
    expect(sum(M(), [0, 1]).toArray()).toBe(10)
    expect(sum(M(), 1, true).toArray()).toEqual([[3], [7]])
  })

  it('sums non-adjacent axes of a rank-3 tensor', () => {
    // middle index j: sum over i, k of 12 i + 4 j + k = 8 * 4 j + (0 + 12) * 4 + 2 * (0 + 1 + 2 + 3)
    expect(sum(cube(), [0, 2]).toArray()).toEqual([0, 1, 2].map((j) => 32 * j + 48 + 12))
    expect(sum(cube(), 1).toArray()).toEqual([
      [12, 15, 18, 21],
      [48, 51, 54, 57],
    ])
  })

  it('accumulates sequentially in float32, not in double or pairwise', () => {
    const values = [1e8, 1, -1e8, 1]
    const expected = sequentialF32Sum(values)
    expect(expected).toBe(1) // double summation gives 2, pairwise float32 gives 0
    expect(sum(tensor(values)).toArray()).toBe(expected)
  })

  it('accumulates sequentially down a column too', () => {
    const column = [1e8, 1, -1e8, 1]
    const x = tensor(column.map((v) => [v, 0.5]))
    expect(sum(x, 0).toArray()).toEqual([sequentialF32Sum(column), 2])
  })

  it('matches the sequential float32 reference on a long sum', () => {
    const values = Array.from({ length: 1000 }, (_, i) => f32(0.1 * (i % 7) - 0.25))
    const expected = sequentialF32Sum(values)
    expect(sum(tensor(values)).toArray()).toBe(expected)
  })

  it('is exact in float64', () => {
    expect(sum(float64([1e8, 1, -1e8, 1])).toArray()).toBe(2)
    expect(sum(float64([0.1, 0.2])).dtype).toBe('float64')
  })

  it('wraps around on int32 overflow', () => {
    const out = sum(int32([2147483647, 1]))
    expect(out.dtype).toBe('int32')
    expect(out.toArray()).toBe(-2147483648)
  })

  it('is 0 over an empty axis', () => {
    expect(sum(zeros([0])).toArray()).toBe(0)
    expect(sum(zeros([2, 0]), 1).toArray()).toEqual([0, 0])
  })

  it('reduces nothing for an empty axis list', () => {
    expect(sum(M(), []).toArray()).toEqual(M().toArray())
  })

  it('gives NaN for Infinity plus -Infinity', () => {
    expect(sum(tensor([Infinity, -Infinity])).toArray()).toBe(NaN)
  })
})

describe('mean', () => {
  it('reproduces the seed: mean([[1, 1], [2, 2]]) over all, axis 0 and axis 1', () => {
    const x = tensor([
      [1, 1],
      [2, 2],
    ])
    expect(mean(x).toArray()).toBe(1.5)
    expect(mean(x, 0).toArray()).toEqual([1.5, 1.5])
    expect(mean(x, 1).toArray()).toEqual([1, 2])
  })

  it('reproduces the seed: mean(v) = 3.5 and mean(square(v1 - v2)) = 16', () => {
    expect(
      mean(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).toArray(),
    ).toBe(3.5)
    const v1 = M()
    const v2 = tensor([
      [5, 6],
      [7, 8],
    ])
    expect(mean(square(sub(v1, v2))).toArray()).toBe(16)
  })

  it('divides the sequential float32 sum by the count', () => {
    expect(mean(tensor([1e8, 1, -1e8, 1])).toArray()).toBe(0.25)
    expect(mean(tensor([0.1, 0.2, 0.4])).toArray()).toBe(f32(sequentialF32Sum([0.1, 0.2, 0.4]) / 3))
  })

  it('averages several axes with keepDims', () => {
    expect(mean(cube(), [0, 2], true).toArray()).toEqual([[[7.5], [11.5], [15.5]]])
  })

  it('truncates toward zero on int32, as TensorFlow does', () => {
    const out = mean(int32([-1, -2]))
    expect(out.dtype).toBe('int32')
    expect(out.toArray()).toBe(-1)
    expect(mean(int32([1, 2, 4])).toArray()).toBe(2)
    expect(
      mean(
        int32([
          [7, 8],
          [-7, -8],
        ]),
        1,
      ).toArray(),
    ).toEqual([7, -7])
  })

  it('is NaN over an empty axis', () => {
    expect(mean(zeros([0])).toArray()).toBe(NaN)
  })
})

describe('prod', () => {
  it('multiplies over all or one axis', () => {
    expect(prod(M()).toArray()).toBe(24)
    expect(prod(M(), 0).toArray()).toEqual([3, 8])
    expect(prod(M(), 1).toArray()).toEqual([2, 12])
  })

  it('rounds to float32 after every step', () => {
    let expected = 1
    for (const v of [0.1, 0.7, 0.3]) expected = f32(expected * f32(v))
    expect(prod(tensor([0.1, 0.7, 0.3])).toArray()).toBe(expected)
  })

  it('wraps around on int32 overflow like 32-bit multiplication', () => {
    expect(prod(int32([65536, 65536])).toArray()).toBe(0)
    expect(prod(int32([2147483647, 2147483647])).toArray()).toBe(1)
    expect(prod(int32([-3, 5, 7])).toArray()).toBe(-105)
  })

  it('is 1 over an empty axis', () => {
    expect(prod(zeros([0])).toArray()).toBe(1)
  })
})

describe('max', () => {
  it('takes the largest value over all or one axis', () => {
    const x = tensor([
      [1, 5],
      [3, 2],
    ])
    expect(max(x).toArray()).toBe(5)
    expect(max(x, 0).toArray()).toEqual([3, 5])
    expect(max(x, 1).toArray()).toEqual([5, 3])
    expect(max(tensor([-Infinity, -3])).toArray()).toBe(-3)
  })

  it('finds an all-negative int32 maximum (int32 storage has no -Infinity to start from)', () => {
    expect(max(int32([-7, -2, -9])).toArray()).toBe(-2)
    expect(max(int32([[-2147483648, -2147483648]]), 1).toArray()).toEqual([-2147483648])
  })

  it('is NaN wherever a NaN is reduced, first or last', () => {
    expect(
      max(
        tensor([
          [NaN, 1],
          [1, NaN],
          [1, 2],
        ]),
        1,
      ).toArray(),
    ).toEqual([NaN, NaN, 2])
  })

  it('throws on an empty axis, naming the shape', () => {
    expect(() => max(zeros([2, 0]), 1)).toThrow(
      new ShapeError('max', 'cannot reduce an empty axis of a tensor of shape [2, 0]'),
    )
    expect(max(zeros([0, 3]), 1).shape).toEqual([0])
  })
})

describe('min', () => {
  it('takes the smallest value over all or one axis', () => {
    const x = tensor([
      [4, 2],
      [8, 9],
    ])
    expect(min(x).toArray()).toBe(2)
    expect(min(x, 0).toArray()).toEqual([4, 2])
    expect(min(x, 1, true).toArray()).toEqual([[2], [8]])
    expect(min(tensor([Infinity, 3])).toArray()).toBe(3)
  })

  it('finds an all-positive int32 minimum (int32 storage has no Infinity to start from)', () => {
    expect(min(int32([7, 2, 9])).toArray()).toBe(2)
    expect(min(int32([2147483647]), 0).toArray()).toBe(2147483647)
  })

  it('is NaN wherever a NaN is reduced', () => {
    expect(
      min(
        tensor([
          [NaN, -1],
          [-1, NaN],
          [1, 2],
        ]),
        1,
      ).toArray(),
    ).toEqual([NaN, NaN, 1])
  })

  it('throws on an empty axis, naming the shape', () => {
    expect(() => min(zeros([0]))).toThrow(new ShapeError('min', 'cannot reduce an empty axis of a tensor of shape [0]'))
  })
})
