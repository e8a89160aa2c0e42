import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, argMax, argMin, range, reshape, tensor, zeros } from '../index'
import type { NestedArray } from '../index'

const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const M = () =>
  tensor([
    [1, 2],
    [3, 4],
  ])
// x[i][j][k] = 12 i + 4 j + k
const cube = () => reshape(range(0, 24), [2, 3, 4])

describe.each([
  ['argMax', argMax],
  ['argMin', argMin],
] as const)('%s (shared checks)', (name, op) => {
  it('returns int32 indices with the axis removed', () => {
    const out = op(cube(), 1)
    expect(out.dtype).toBe('int32')
    expect(out.shape).toEqual([2, 4])
  })

  it('picks the first NaN, as numpy does', () => {
    expect(op(tensor([1, NaN, 3, NaN])).toArray()).toBe(1)
    expect(op(tensor([NaN, 5])).toArray()).toBe(0)
    expect(op(tensor([[0, 1, NaN]]), 1).toArray()).toEqual([2])
  })

  it('throws on a bad axis, an empty axis, bool and a non-Tensor', () => {
    expect(() => op(M(), 2)).toThrow(new ShapeError(name, 'axis 2 is out of range for a tensor of rank 2'))
    expect(() => op(tensor(1))).toThrow(new ShapeError(name, 'axis 0 is out of range for a tensor of rank 0'))
    expect(() => op(zeros([0, 2]))).toThrow(new ShapeError(name, 'axis 0 is empty'))
    expect(() => op(tensor([true, false]))).toThrow(
      new DTypeError(name, 'x must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => op(3 as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got 3"))
  })

  it('leaves the input untouched', () => {
    const x = tensor([3, 1, 2])
    op(x)
    expect(x.toArray()).toEqual([3, 1, 2])
  })
})

describe('argMax', () => {
  it('finds the largest along axis 0 by default, or along the given axis', () => {
    const x = tensor([
      [1, 5, 2],
      [3, 2, 2],
    ])
    expect(argMax(x).toArray()).toEqual([1, 0, 0])
    expect(argMax(x, 1).toArray()).toEqual([1, 0])
    expect(argMax(x, -1).toArray()).toEqual([1, 0])
  })

  it('picks the first of tied values', () => {
    expect(argMax(tensor([3, 1, 3])).toArray()).toBe(0)
  })

  it('works along the middle axis of a rank-3 tensor', () => {
    expect(argMax(cube(), 1).toArray()).toEqual([
      [2, 2, 2, 2],
      [2, 2, 2, 2],
    ])
    expect(argMax(int32([[-5, -1, -3]]), 1).toArray()).toEqual([1])
  })
})

describe('argMin', () => {
  it('finds the smallest along axis 0 by default, or along the given axis', () => {
    const x = tensor([
      [1, 5, 2],
      [3, 2, 0],
    ])
    expect(argMin(x).toArray()).toEqual([0, 1, 1])
    expect(argMin(x, 1).toArray()).toEqual([0, 2])
  })

  it('picks the first of tied values and handles -Infinity', () => {
    expect(argMin(tensor([2, 1, 1])).toArray()).toBe(1)
    expect(argMin(tensor([0, -Infinity])).toArray()).toBe(1)
  })
})
