import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, addN, oneHot, tensor } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')

describe('addN', () => {
  it('adds same-shaped tensors', () => {
    expect(addN([tensor([1]), tensor([2]), tensor([3])]).toArray()).toEqual([6])
    expect(addN([tensor([[1, 2]]), tensor([[10, 20]])]).toArray()).toEqual([[11, 22]])
  })

  it('adds left to right in float32', () => {
    const values = [1e8, 1, -1e8, 1]
    let expected = 0
    for (const v of values) expected = f32(expected + v)
    expect(addN(values.map((v) => tensor([v]))).toArray()).toEqual([expected])
  })

  it('returns the values of a single tensor', () => {
    expect(addN([int32([4, 5])]).toArray()).toEqual([4, 5])
  })

  it('throws naming both shapes when they differ, without broadcasting', () => {
    expect(() => addN([tensor([1, 2]), tensor([1])])).toThrow(
      new ShapeError('addN', 'shapes differ: tensors[0] is [2], tensors[1] is [1]'),
    )
  })

  it('throws naming both dtypes when they differ', () => {
    expect(() => addN([tensor([1]), tensor([2]), int32([3])])).toThrow(
      new DTypeError('addN', 'dtypes differ: tensors[0] is float32, tensors[2] is int32'),
    )
  })

  it('throws on an empty list or a non-Tensor entry', () => {
    expect(() => addN([])).toThrow(
      new ConfigError('addN', "argument 'tensors' must be a non-empty array of Tensors, got an empty array"),
    )
    expect(() => addN([tensor([1]), 'x' as never])).toThrow(
      new DTypeError('addN', 'argument \'tensors[1]\' must be a Tensor, got "x"'),
    )
  })

  it('leaves its inputs untouched', () => {
    const a = tensor([1, 2])
    const b = tensor([3, 4])
    addN([a, b, a])
    expect([a.toArray(), b.toArray()]).toEqual([
      [1, 2],
      [3, 4],
    ])
  })
})

describe('oneHot', () => {
  it('turns indices into one-hot rows', () => {
    const out = oneHot(int32([1, 0, 2]), 3)
    expect(out.dtype).toBe('float32')
    expect(out.toArray()).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ])
  })

  it('gives an all-off row for indices outside [0, depth), as TensorFlow does', () => {
    expect(oneHot(int32([-1, 3]), 3).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
  })

  it('uses onValue, offValue and dtype', () => {
    expect(oneHot(int32([1]), 2, 5, -1).toArray()).toEqual([[-1, 5]])
    expect(oneHot(int32([1]), 2, 1, 0, 'int32').dtype).toBe('int32')
    expect(oneHot(int32([0]), 2, 1, 0, 'bool').toArray()).toEqual([[true, false]])
  })

  it('appends the depth axis to the shape of the indices', () => {
    expect(
      oneHot(
        int32([
          [0, 1],
          [1, 1],
        ]),
        2,
      ).shape,
    ).toEqual([2, 2, 2])
    expect(oneHot(int32(1), 3).toArray()).toEqual([0, 1, 0])
  })

  it('throws on non-int32 indices, a bad depth and a non-Tensor', () => {
    expect(() => oneHot(tensor([1]), 2)).toThrow(new DTypeError('oneHot', 'indices must have dtype int32, got float32'))
    expect(() => oneHot(int32([1]), 0)).toThrow(new ShapeError('oneHot', 'depth must be a positive integer, got 0'))
    expect(() => oneHot(int32([1]), 2.5)).toThrow(new ShapeError('oneHot', 'depth must be a positive integer, got 2.5'))
    expect(() => oneHot([1] as never, 2)).toThrow(
      new DTypeError('oneHot', "argument 'indices' must be a Tensor, got an array"),
    )
  })

  it('leaves the indices untouched', () => {
    const indices = int32([1, 0])
    oneHot(indices, 2)
    expect(indices.toArray()).toEqual([1, 0])
  })
})
