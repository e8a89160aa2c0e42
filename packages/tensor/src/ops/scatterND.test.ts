import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, scatterND, tensor } from '../index'

const ints = (values: unknown) => tensor(values as number[], undefined, 'int32')

describe('scatterND', () => {
  it('places elements into zeros of shape, as tf.scatter_nd', () => {
    // tf.scatter_nd([[4], [3], [1], [7]], [9, 10, 11, 12], [8])
    expect(scatterND(ints([[4], [3], [1], [7]]), tensor([9, 10, 11, 12]), [8]).toArray()).toEqual([
      0, 11, 0, 10, 9, 0, 0, 12,
    ])
  })

  it('places slices with shorter tuples', () => {
    expect(
      scatterND(
        ints([[1], [0]]),
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [3, 2],
      ).toArray(),
    ).toEqual([
      [3, 4],
      [1, 2],
      [0, 0],
    ])
    expect(scatterND(ints([[1, 0]]), tensor([5]), [2, 2]).toArray()).toEqual([
      [0, 0],
      [5, 0],
    ])
  })

  it('adds duplicates in the order they come, rounding each sum to float32', () => {
    expect(scatterND(ints([[0], [0], [1]]), tensor([1, 2, 3], undefined, 'int32'), [2]).toArray()).toEqual([3, 3])
    // (1 + 2^-24) + 2^-24 rounds to 1 at each step; 2^-24 + 2^-24 first would give 1 + 2^-23.
    const tiny = 2 ** -24
    expect(scatterND(ints([[0], [0], [0]]), tensor([1, tiny, tiny]), [1]).toArray()).toEqual([1])
    expect(scatterND(ints([[0], [0], [0]]), tensor([tiny, tiny, 1]), [1]).toArray()).toEqual([
      Math.fround(1 + 2 * tiny),
    ])
  })

  it('refuses an index out of range, naming the tuple', () => {
    expect(() => scatterND(ints([[1], [4]]), tensor([1, 2]), [4])).toThrow(
      new ShapeError('scatterND', 'indices[1] = [4] does not index into shape [4]'),
    )
  })

  it('refuses updates of the wrong shape or dtype, bad shapes and indices', () => {
    expect(() => scatterND(ints([[1], [2]]), tensor([1, 2, 3]), [4])).toThrow(
      new ShapeError(
        'scatterND',
        'updates must have shape [2] (indices [2, 1] without its last axis, then shape [4] from axis 1), got [3]',
      ),
    )
    expect(() => scatterND(ints([[1]]), tensor([true]), [4])).toThrow(
      new DTypeError('scatterND', 'updates must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => scatterND(ints([[1]]), tensor([1]), [-4])).toThrow(
      new ShapeError('scatterND', 'dimensions must be non-negative integers, got [-4]'),
    )
    expect(() => scatterND(tensor([[1]]), tensor([1]), [4])).toThrow(
      new DTypeError('scatterND', 'indices must have dtype int32, got float32'),
    )
    expect(() => scatterND(ints([[1, 1]]), tensor([1]), [4])).toThrow(
      new ShapeError('scatterND', 'indices [1, 2] pick 2 axes, more than the rank 1 of shape [4]'),
    )
  })

  it('leaves its inputs untouched', () => {
    const indices = ints([[1], [1]])
    const updates = tensor([1, 2])
    scatterND(indices, updates, [3])
    expect(indices.toArray()).toEqual([[1], [1]])
    expect(updates.toArray()).toEqual([1, 2])
  })
})
