import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, concat, range, reshape, stack, tensor, zeros } from '../index'
import type { NestedArray } from '../index'

const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')

describe('concat', () => {
  it('joins along axis 0 by default', () => {
    expect(concat([tensor([1]), tensor([2, 3])]).toArray()).toEqual([1, 2, 3])
    expect(concat([tensor([[1, 2]]), tensor([[3, 4]]), tensor([[5, 6]])]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
  })

  it('joins along axis 1 and along -1', () => {
    const a = tensor([[1], [2]])
    const b = tensor([
      [3, 4],
      [5, 6],
    ])
    const expected = [
      [1, 3, 4],
      [2, 5, 6],
    ]
    expect(concat([a, b], 1).toArray()).toEqual(expected)
    expect(concat([a, b], -1).toArray()).toEqual(expected)
  })

  it('joins along the middle axis of rank-3 tensors', () => {
    const a = reshape(range(0, 4), [2, 1, 2])
    const b = reshape(range(10, 18), [2, 2, 2])
    expect(concat([a, b], 1).toArray()).toEqual([
      [
        [0, 1],
        [10, 11],
        [12, 13],
      ],
      [
        [2, 3],
        [14, 15],
        [16, 17],
      ],
    ])
  })

  it('copies a single tensor and skips empty ones', () => {
    expect(concat([tensor([1, 2])]).toArray()).toEqual([1, 2])
    expect(concat([zeros([0]), tensor([1]), zeros([0])]).toArray()).toEqual([1])
    expect(concat([zeros([2, 0]), tensor([[1], [2]])], 1).toArray()).toEqual([[1], [2]])
  })

  it('keeps the dtype', () => {
    expect(concat([int32([1]), int32([2])]).dtype).toBe('int32')
    expect(concat([tensor([true]), tensor([false])]).toArray()).toEqual([true, false])
  })

  it('throws naming both dtypes when they differ', () => {
    expect(() => concat([tensor([1]), tensor([2]), int32([3])])).toThrow(
      new DTypeError('concat', 'dtypes differ: tensors[0] is float32, tensors[2] is int32'),
    )
  })

  it('throws naming both shapes when they disagree off the axis', () => {
    expect(() => concat([zeros([1, 2]), zeros([1, 3])])).toThrow(
      new ShapeError('concat', 'shapes must agree except on axis 0: tensors[0] is [1, 2], tensors[1] is [1, 3]'),
    )
    expect(() => concat([zeros([2]), zeros([1, 2])])).toThrow(
      new ShapeError('concat', 'shapes must agree except on axis 0: tensors[0] is [2], tensors[1] is [1, 2]'),
    )
  })

  it('throws on an axis out of range, including for scalars', () => {
    expect(() => concat([zeros([1, 2]), zeros([1, 2])], 2)).toThrow(
      new ShapeError('concat', 'axis 2 is out of range for a tensor of rank 2'),
    )
    expect(() => concat([tensor(1), tensor(2)])).toThrow(
      new ShapeError('concat', 'axis 0 is out of range for a tensor of rank 0'),
    )
  })

  it('throws on an empty list or a non-Tensor entry', () => {
    expect(() => concat([])).toThrow(
      new ConfigError('concat', "argument 'tensors' must be a non-empty array of Tensors, got an empty array"),
    )
    expect(() => concat(tensor([1]) as never)).toThrow(
      new ConfigError('concat', "argument 'tensors' must be a non-empty array of Tensors, got a Tensor"),
    )
    expect(() => concat([tensor([1]), 2 as never])).toThrow(
      new DTypeError('concat', "argument 'tensors[1]' must be a Tensor, got 2"),
    )
  })

  it('leaves its inputs untouched', () => {
    const a = tensor([[1, 2]])
    const b = tensor([[3, 4]])
    concat([a, b], 1)
    expect(() => concat([a, zeros([1, 3])])).toThrow(ShapeError)
    expect([a.toArray(), b.toArray()]).toEqual([[[1, 2]], [[3, 4]]])
  })
})

describe('stack', () => {
  it('stacks along a new axis 0 by default', () => {
    expect(stack([tensor([1, 2]), tensor([3, 4])]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('stacks along a new last axis', () => {
    const expected = [
      [1, 3, 5],
      [2, 4, 6],
    ]
    const parts = [tensor([1, 2]), tensor([3, 4]), tensor([5, 6])]
    expect(stack(parts, 1).toArray()).toEqual(expected)
    expect(stack(parts, -1).toArray()).toEqual(expected)
  })

  it('stacks scalars into a vector and matrices into rank 3', () => {
    expect(stack([tensor(1), tensor(2), tensor(3)]).toArray()).toEqual([1, 2, 3])
    expect(stack([zeros([2, 3]), zeros([2, 3])], 1).shape).toEqual([2, 2, 3])
  })

  it('throws naming both shapes when they differ', () => {
    expect(() => stack([tensor([1, 2]), tensor([1, 2, 3])])).toThrow(
      new ShapeError('stack', 'shapes differ: tensors[0] is [2], tensors[1] is [3]'),
    )
  })

  it('throws naming both dtypes when they differ', () => {
    expect(() => stack([tensor([1]), int32([1])])).toThrow(
      new DTypeError('stack', 'dtypes differ: tensors[0] is float32, tensors[1] is int32'),
    )
  })

  it('throws naming the axis, the allowed range and the rank', () => {
    expect(() => stack([tensor([1]), tensor([2])], 2)).toThrow(
      new ShapeError('stack', 'axis 2 is out of range [-2, 1] for a new axis in a tensor of rank 1'),
    )
  })

  it('throws on an empty list', () => {
    expect(() => stack([])).toThrow(
      new ConfigError('stack', "argument 'tensors' must be a non-empty array of Tensors, got an empty array"),
    )
  })
})
