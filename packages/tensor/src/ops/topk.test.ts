import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, tensor, topk } from '../index'

/** The k largest of a row with their indices: a stable sort by value, descending (ties: lower index first). */
function reference(row: readonly number[], k: number): { values: number[]; indices: number[] } {
  const order = row.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  const top = order.slice(0, k)
  return { values: top.map(([v]) => v), indices: top.map(([, i]) => i) }
}

describe('topk', () => {
  it('gives the k largest of each row, largest first, with int32 indices', () => {
    const { values, indices } = topk(
      tensor([
        [1, 5, 3, 4],
        [9, -1, 8, 0],
      ]),
      3,
    )
    expect(values.toArray()).toEqual([
      [5, 4, 3],
      [9, 8, 0],
    ])
    expect(indices.dtype).toBe('int32')
    expect(indices.toArray()).toEqual([
      [1, 3, 2],
      [0, 2, 3],
    ])
  })

  it('orders ties by index, as TF', () => {
    expect(topk(tensor([2, 7, 7, 1, 7]), 3).indices.toArray()).toEqual([1, 2, 4])
    expect(topk(tensor([0, -0, 0]), 2).indices.toArray()).toEqual([0, 1])
  })

  it('keeps the k largest in their order in x with sorted: false', () => {
    const { values, indices } = topk(tensor([1, 5, 3, 4]), 2, { sorted: false })
    expect(indices.toArray()).toEqual([1, 3])
    expect(values.toArray()).toEqual([5, 4])
    const many = Array.from({ length: 40 }, (_, i) => (i * 17) % 40)
    const expected = many.flatMap((v, i) => (v >= 20 ? [i] : []))
    expect(topk(tensor(many), 20, { sorted: false }).indices.toArray()).toEqual(expected)
  })

  it('matches a stable sort on random integer rows, with many ties', () => {
    fc.assert(
      fc.property(
        // Rows of 30 and k up to 30: both the running insertion (k <= 16) and the sort.
        fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 30, maxLength: 30 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 30 }),
        (rows, k) => {
          const { values, indices } = topk(tensor(rows, undefined, 'int32'), k)
          expect(values.toArray()).toEqual(rows.map((row) => reference(row, k).values))
          expect(indices.toArray()).toEqual(rows.map((row) => reference(row, k).indices))
        },
      ),
      { numRuns: 200, seed: 5 },
    )
  })

  it('defaults to k = 1, works on rank 1 and rank 3, and ranks NaN above every number', () => {
    expect(topk(tensor([3, 9, 2])).values.toArray()).toEqual([9])
    expect(topk(tensor([[[1, 2]], [[4, 3]]]), 1).indices.toArray()).toEqual([[[1]], [[0]]])
    expect(topk(tensor([1, NaN, Infinity]), 2).indices.toArray()).toEqual([1, 2])
    expect(topk(tensor([[1, 2]]), 0).values.shape).toEqual([1, 0])
  })

  it('refuses k out of range, scalars, bools, bad options and non-tensors', () => {
    expect(() => topk(tensor([[1, 2, 3]]), 4)).toThrow(
      new ShapeError('topk', 'k is 4, more than the 3 elements of the last axis of x [1, 3]'),
    )
    expect(() => topk(tensor([1, 2]), -1)).toThrow(new ConfigError('topk', 'k must be an integer >= 0, got -1'))
    expect(() => topk(tensor([1, 2]), 1.5)).toThrow(new ConfigError('topk', 'k must be an integer >= 0, got 1.5'))
    expect(() => topk(tensor(1))).toThrow(new ShapeError('topk', 'x must have rank at least 1, got shape []'))
    expect(() => topk(tensor([true]))).toThrow(
      new DTypeError('topk', 'x must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => topk(tensor([1]), 1, { sorted: 1 } as never)).toThrow(
      new ConfigError('topk', 'sorted must be a boolean, got 1'),
    )
    expect(() => topk(tensor([1]), 1, { stable: true } as never)).toThrow(
      new ConfigError('topk', "unknown option 'stable'; expected one of sorted"),
    )
    expect(() => topk([1] as never)).toThrow(new DTypeError('topk', "argument 'x' must be a Tensor, got an array"))
  })

  it('leaves x untouched', () => {
    const x = tensor([3, 1, 2])
    topk(x, 2)
    expect(x.toArray()).toEqual([3, 1, 2])
  })
})
