import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, gather, tensor, unsortedSegmentSum } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const X = () =>
  tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ])

describe('gather', () => {
  it('picks rows along axis 0, in index order and with repeats', () => {
    expect(gather(X(), int32([2, 0])).toArray()).toEqual([
      [5, 6],
      [1, 2],
    ])
    expect(gather(tensor([10, 20, 30]), int32([1, 1, 2])).toArray()).toEqual([20, 20, 30])
  })

  it('picks columns along axis 1 and along -1', () => {
    const expected = [
      [2, 2, 1],
      [4, 4, 3],
      [6, 6, 5],
    ]
    expect(gather(X(), int32([1, 1, 0]), 1).toArray()).toEqual(expected)
    expect(gather(X(), int32([1, 1, 0]), -1).toArray()).toEqual(expected)
  })

  it("replaces the axis with the indices' shape", () => {
    const out = gather(
      X(),
      int32([
        [0, 1],
        [2, 2],
      ]),
    )
    expect(out.shape).toEqual([2, 2, 2])
    expect(out.toArray()).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [5, 6],
      ],
    ])
    expect(gather(X(), int32(1)).toArray()).toEqual([3, 4])
    expect(gather(X(), int32([]), 1).shape).toEqual([3, 0])
  })

  it('keeps the dtype of x', () => {
    expect(gather(tensor([true, false]), int32([1, 0])).toArray()).toEqual([false, true])
    expect(gather(int32([7, 8]), int32([1])).dtype).toBe('int32')
  })

  it('throws naming the index that is out of range', () => {
    expect(() => gather(X(), int32([0, 3]))).toThrow(new ShapeError('gather', 'indices holds 3, outside [0, 3)'))
    expect(() => gather(X(), int32([-1]))).toThrow(new ShapeError('gather', 'indices holds -1, outside [0, 3)'))
    expect(() => gather(X(), int32([2]), 1)).toThrow(new ShapeError('gather', 'indices holds 2, outside [0, 2)'))
  })

  it('throws on non-int32 indices, a bad axis and non-Tensors', () => {
    expect(() => gather(X(), tensor([0]))).toThrow(
      new DTypeError('gather', 'indices must have dtype int32, got float32'),
    )
    expect(() => gather(X(), int32([0]), 2)).toThrow(
      new ShapeError('gather', 'axis 2 is out of range for a tensor of rank 2'),
    )
    expect(() => gather('x' as never, int32([0]))).toThrow(
      new DTypeError('gather', 'argument \'x\' must be a Tensor, got "x"'),
    )
    expect(() => gather(X(), [0] as never)).toThrow(
      new DTypeError('gather', "argument 'indices' must be a Tensor, got an array"),
    )
  })

  it('leaves its inputs untouched', () => {
    const x = X()
    const indices = int32([2, 0])
    gather(x, indices)
    expect(() => gather(x, int32([9]))).toThrow(ShapeError)
    expect([x.toArray(), indices.toArray()]).toEqual([X().toArray(), [2, 0]])
  })
})

describe('unsortedSegmentSum', () => {
  it('adds each element into its segment, leaving empty segments 0', () => {
    expect(unsortedSegmentSum(tensor([1, 2, 3]), int32([0, 1, 0]), 2).toArray()).toEqual([4, 2])
    expect(unsortedSegmentSum(tensor([1, 2, 3]), int32([0, 1, 0]), 3).toArray()).toEqual([4, 2, 0])
  })

  it('adds whole rows along axis 0', () => {
    expect(unsortedSegmentSum(X(), int32([1, 0, 1]), 2).toArray()).toEqual([
      [3, 4],
      [6, 8],
    ])
  })

  it('adds columns along axis 1', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(unsortedSegmentSum(x, int32([0, 0, 1]), 2, 1).toArray()).toEqual([
      [3, 3],
      [9, 6],
    ])
  })

  it('takes segment ids covering several leading axes', () => {
    const x = tensor([1, 2, 10, 20, 100, 200, 1000, 2000], [2, 2, 2])
    const out = unsortedSegmentSum(
      x,
      int32([
        [0, 1],
        [1, 1],
      ]),
      2,
    )
    expect(out.shape).toEqual([2, 2])
    expect(out.toArray()).toEqual([
      [1, 2],
      [1110, 2220],
    ])
  })

  it('accumulates each segment sequentially in float32', () => {
    const out = unsortedSegmentSum(tensor([1e8, 5, 1, -1e8, 1]), int32([0, 1, 0, 0, 0]), 2)
    let expected = 0
    for (const v of [1e8, 1, -1e8, 1]) expected = f32(expected + v)
    expect(out.toArray()).toEqual([expected, 5])
  })

  it('is the adjoint of gather: summing gathered ones counts each index', () => {
    const ids = int32([2, 0, 2, 2])
    expect(unsortedSegmentSum(gather(tensor([1, 1, 1]), ids), ids, 3).toArray()).toEqual([1, 0, 3])
  })

  it('keeps int32 and float64 dtypes', () => {
    expect(unsortedSegmentSum(int32([1, 2]), int32([0, 0]), 1).toArray()).toEqual([3])
    expect(unsortedSegmentSum(int32([1, 2]), int32([0, 0]), 1).dtype).toBe('int32')
    expect(unsortedSegmentSum(tensor([0.1, 0.2], undefined, 'float64'), int32([0, 0]), 1).toArray()).toEqual([
      0.1 + 0.2,
    ])
  })

  it('throws naming the id that is out of range', () => {
    expect(() => unsortedSegmentSum(tensor([1, 2]), int32([0, 2]), 2)).toThrow(
      new ShapeError('unsortedSegmentSum', 'segmentIds holds 2, outside [0, 2)'),
    )
    expect(() => unsortedSegmentSum(tensor([1, 2]), int32([-1, 0]), 2)).toThrow(
      new ShapeError('unsortedSegmentSum', 'segmentIds holds -1, outside [0, 2)'),
    )
  })

  it('throws when segmentIds does not match the shape of x', () => {
    expect(() => unsortedSegmentSum(tensor([1, 2, 3]), int32([0, 1]), 2)).toThrow(
      new ShapeError('unsortedSegmentSum', 'segmentIds [2] does not match x [3] at axis 0'),
    )
    expect(() => unsortedSegmentSum(tensor([1, 2]), int32([[0, 1]]), 2)).toThrow(
      new ShapeError('unsortedSegmentSum', 'segmentIds [1, 2] does not match x [2] at axis 0'),
    )
  })

  it('throws on a bad numSegments, bool x, non-int32 ids and non-Tensors', () => {
    expect(() => unsortedSegmentSum(tensor([1]), int32([0]), -1)).toThrow(
      new ShapeError('unsortedSegmentSum', 'numSegments must be a non-negative integer, got -1'),
    )
    expect(() => unsortedSegmentSum(tensor([1]), int32([0]), 1.5)).toThrow(
      new ShapeError('unsortedSegmentSum', 'numSegments must be a non-negative integer, got 1.5'),
    )
    expect(() => unsortedSegmentSum(tensor([true, true]), int32([0, 0]), 1)).toThrow(
      new DTypeError('unsortedSegmentSum', 'x must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => unsortedSegmentSum(tensor([1]), tensor([0]), 1)).toThrow(
      new DTypeError('unsortedSegmentSum', 'segmentIds must have dtype int32, got float32'),
    )
    expect(() => unsortedSegmentSum(5 as never, int32([0]), 1)).toThrow(
      new DTypeError('unsortedSegmentSum', "argument 'x' must be a Tensor, got 5"),
    )
  })

  it('leaves its inputs untouched', () => {
    const x = X()
    const ids = int32([1, 0, 1])
    unsortedSegmentSum(x, ids, 2)
    expect(() => unsortedSegmentSum(x, ids, 1)).toThrow(ShapeError)
    expect([x.toArray(), ids.toArray()]).toEqual([X().toArray(), [1, 0, 1]])
  })
})
