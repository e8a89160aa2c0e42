import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, range, reshape, split, tensor, unstack } from '../index'

const X = () => reshape(range(0, 12), [2, 6]) // x[i][j] = 6 i + j

describe('split', () => {
  it('splits into equal parts, as np.split', () => {
    const parts = split(X(), 3, 1)
    expect(parts.map((p) => p.toArray())).toEqual([
      [
        [0, 1],
        [6, 7],
      ],
      [
        [2, 3],
        [8, 9],
      ],
      [
        [4, 5],
        [10, 11],
      ],
    ])
    expect(split(X(), 2).map((p) => p.shape)).toEqual([
      [1, 6],
      [1, 6],
    ])
  })

  it('splits into listed sizes, one -1 taking the rest, zero sizes allowed', () => {
    expect(split(tensor([1, 2, 3, 4, 5]), [2, -1, 0, 1]).map((p) => p.toArray())).toEqual([[1, 2], [3, 4], [], [5]])
    expect(split(X(), [1, 5], -1).map((p) => p.shape)).toEqual([
      [2, 1],
      [2, 5],
    ])
    expect(split(tensor([1, 2]), [-1]).map((p) => p.toArray())).toEqual([[1, 2]])
  })

  it('refuses parts that do not fit the axis', () => {
    expect(() => split(X(), 4, 1)).toThrow(
      new ShapeError('split', 'axis 1 of x [2, 6] has length 6, which does not split into 4 equal parts'),
    )
    expect(() => split(X(), [2, 3], 1)).toThrow(
      new ShapeError('split', 'sizes [2, 3] do not add up to length 6 of axis 1 of x [2, 6]'),
    )
    expect(() => split(X(), [4, 3, -1], 1)).toThrow(
      new ShapeError('split', 'sizes [4, 3, -1] do not add up to length 6 of axis 1 of x [2, 6]'),
    )
    expect(() => split(X(), 2, 2)).toThrow(new ShapeError('split', 'axis 2 is out of range for a tensor of rank 2'))
  })

  it('refuses malformed numOrSizeSplits', () => {
    expect(() => split(X(), 0)).toThrow(new ConfigError('split', 'numOrSizeSplits must be an integer >= 1, got 0'))
    const message = (got: string) =>
      `numOrSizeSplits must be a positive integer or a non-empty array of sizes >= 0 with at most one -1, got ${got}`
    expect(() => split(X(), [-1, -1])).toThrow(new ConfigError('split', message('[-1, -1]')))
    expect(() => split(X(), [])).toThrow(new ConfigError('split', message('[]')))
    expect(() => split(X(), [1, -2, 3])).toThrow(new ConfigError('split', message('[1, -2, 3]')))
    expect(() => split(X(), '2' as never)).toThrow(new ConfigError('split', message('"2"')))
  })

  it('refuses a non-tensor and leaves x untouched', () => {
    expect(() => split(5 as never, 1)).toThrow(new DTypeError('split', "argument 'x' must be a Tensor, got 5"))
    const x = X()
    split(x, [1, -1], 1)
    expect(x.toArray()).toEqual(X().toArray())
  })
})

describe('unstack', () => {
  it('gives the slices along axis without that axis, as tf.unstack', () => {
    expect(unstack(X()).map((row) => row.toArray())).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
    ])
    const columns = unstack(X(), -1)
    expect(columns.length).toBe(6)
    expect(columns[4]!.toArray()).toEqual([4, 10])
    expect(unstack(tensor([1, 2])).map((s) => s.toArray())).toEqual([1, 2])
    expect(unstack(reshape(tensor([]), [0, 3]))).toEqual([])
  })

  it('refuses a scalar and a non-tensor, and leaves x untouched', () => {
    expect(() => unstack(tensor(1))).toThrow(new ShapeError('unstack', 'axis 0 is out of range for a tensor of rank 0'))
    expect(() => unstack([1] as never)).toThrow(
      new DTypeError('unstack', "argument 'x' must be a Tensor, got an array"),
    )
    const x = X()
    unstack(x, 1)
    expect(x.toArray()).toEqual(X().toArray())
  })
})
