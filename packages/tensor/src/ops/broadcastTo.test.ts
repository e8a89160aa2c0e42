import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, broadcastTo, tensor } from '../index'

describe('broadcastTo', () => {
  it('repeats along new leading axes', () => {
    expect(broadcastTo(tensor([1, 2]), [2, 2]).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ])
    expect(broadcastTo(tensor([1, 2, 3]), [2, 1, 3]).toArray()).toEqual([[[1, 2, 3]], [[1, 2, 3]]])
  })

  it('repeats along axes of length 1', () => {
    expect(broadcastTo(tensor([[1], [2]]), [2, 3]).toArray()).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ])
    expect(broadcastTo(tensor([[1, 2]]), [3, 2]).toArray()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ])
  })

  it('broadcasts [3, 1, 2] against [2, 2] from the shape [3, 2, 2]', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [3, 1, 2])
    expect(broadcastTo(x, [3, 2, 2]).toArray()).toEqual([
      [
        [1, 2],
        [1, 2],
      ],
      [
        [3, 4],
        [3, 4],
      ],
      [
        [5, 6],
        [5, 6],
      ],
    ])
  })

  it('fills a shape from a scalar, and copies an equal shape', () => {
    expect(broadcastTo(tensor(7), [2, 2]).toArray()).toEqual([
      [7, 7],
      [7, 7],
    ])
    expect(broadcastTo(tensor([1, 2]), [2]).toArray()).toEqual([1, 2])
    expect(broadcastTo(tensor([5]), [0]).shape).toEqual([0])
  })

  it('keeps dtype and NaN', () => {
    expect(broadcastTo(tensor([true]), [2]).toArray()).toEqual([true, true])
    expect(broadcastTo(tensor([3], undefined, 'int32'), [2]).dtype).toBe('int32')
    expect(broadcastTo(tensor([NaN]), [2]).toArray()).toEqual([NaN, NaN])
  })

  it('throws naming both shapes when the target does not fit', () => {
    expect(() => broadcastTo(tensor([1, 2, 3]), [2])).toThrow(
      new ShapeError('broadcastTo', 'shapes [3] and [2] cannot be broadcast together'),
    )
    expect(() => broadcastTo(tensor([[1, 2]]), [2])).toThrow(
      new ShapeError('broadcastTo', 'cannot broadcast [1, 2] to [2]'),
    )
    expect(() => broadcastTo(tensor([1, 2, 3]), [3, 1])).toThrow(
      new ShapeError('broadcastTo', 'cannot broadcast [3] to [3, 1]'),
    )
    expect(() => broadcastTo(tensor([1]), [])).toThrow(new ShapeError('broadcastTo', 'cannot broadcast [1] to []'))
  })

  it('throws on negative or fractional dimensions and on a non-Tensor', () => {
    expect(() => broadcastTo(tensor([1]), [-1, 2])).toThrow(
      new ShapeError('broadcastTo', 'dimensions must be non-negative integers, got [-1, 2]'),
    )
    expect(() => broadcastTo(tensor([1]), [2.5])).toThrow(
      new ShapeError('broadcastTo', 'dimensions must be non-negative integers, got [2.5]'),
    )
    expect(() => broadcastTo(1 as never, [2])).toThrow(
      new DTypeError('broadcastTo', "argument 'x' must be a Tensor, got 1"),
    )
  })

  it('leaves x untouched and keeps its own copy of the shape', () => {
    const x = tensor([[1], [2]])
    const shape = [2, 2]
    const out = broadcastTo(x, shape)
    shape[1] = 5
    expect(out.shape).toEqual([2, 2])
    expect(() => broadcastTo(x, [3, 2])).toThrow(ShapeError)
    expect(x.toArray()).toEqual([[1], [2]])
  })
})
