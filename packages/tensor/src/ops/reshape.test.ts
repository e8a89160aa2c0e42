import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, expandDims, reshape, squeeze, tensor, zeros } from '../index'

const six = () => tensor([1, 2, 3, 4, 5, 6])

describe('reshape', () => {
  it('keeps row-major order in the new shape', () => {
    expect(reshape(six(), [2, 3]).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(reshape(six(), [3, 1, 2]).toArray()).toEqual([[[1, 2]], [[3, 4]], [[5, 6]]])
  })

  it('infers one -1 dimension', () => {
    expect(reshape(six(), [3, -1]).shape).toEqual([3, 2])
    expect(reshape(six(), [-1, 3]).shape).toEqual([2, 3])
    expect(reshape(reshape(six(), [2, 3]), [-1]).toArray()).toEqual([1, 2, 3, 4, 5, 6])
    expect(reshape(zeros([0, 3]), [-1]).shape).toEqual([0])
  })

  it('makes a scalar from one element and back', () => {
    expect(reshape(tensor([7]), []).toArray()).toBe(7)
    expect(reshape(tensor(7), [1, 1]).toArray()).toEqual([[7]])
  })

  it('keeps the dtype', () => {
    const out = reshape(tensor([true, false, true, true]), [2, 2])
    expect(out.dtype).toBe('bool')
    expect(out.toArray()).toEqual([
      [true, false],
      [true, true],
    ])
    expect(reshape(tensor([1, 2], undefined, 'int32'), [2, 1]).dtype).toBe('int32')
  })

  it('throws naming both shapes and the size when sizes differ', () => {
    const x = reshape(six(), [2, 3])
    expect(() => reshape(x, [4, 2])).toThrow(
      new ShapeError('reshape', 'cannot reshape [2, 3] (6 elements) into [4, 2]'),
    )
    expect(() => reshape(x, [4, -1])).toThrow(
      new ShapeError('reshape', 'cannot reshape [2, 3] (6 elements) into [4, -1]'),
    )
    expect(() => reshape(zeros([0, 3]), [0, -1])).toThrow(
      new ShapeError('reshape', 'cannot reshape [0, 3] (0 elements) into [0, -1]'),
    )
    expect(x.shape).toEqual([2, 3])
  })

  it('throws on more than one -1, or on negative or fractional dimensions', () => {
    const message = (shape: string) => `shape must be non-negative integers with at most one -1, got ${shape}`
    expect(() => reshape(six(), [-1, -1])).toThrow(new ShapeError('reshape', message('[-1, -1]')))
    expect(() => reshape(six(), [-2, -3])).toThrow(new ShapeError('reshape', message('[-2, -3]')))
    expect(() => reshape(six(), [1.5, 4])).toThrow(new ShapeError('reshape', message('[1.5, 4]')))
  })

  it('throws when x is not a Tensor', () => {
    expect(() => reshape([1, 2] as never, [2])).toThrow(
      new DTypeError('reshape', "argument 'x' must be a Tensor, got an array"),
    )
  })

  it('leaves x untouched and gives an independent tensor', () => {
    const x = six()
    const y = reshape(x, [2, 3])
    y.dataSync().fill(0)
    expect(x.toArray()).toEqual([1, 2, 3, 4, 5, 6])
    expect(y.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
  })
})

describe('expandDims', () => {
  it('inserts an axis of length 1 at axis 0 by default', () => {
    expect(expandDims(tensor([1, 2])).toArray()).toEqual([[1, 2]])
    expect(expandDims(tensor(3)).toArray()).toEqual([3])
  })

  it('inserts at any position, negative counting from the end of the new shape', () => {
    const x = zeros([2, 3])
    expect(expandDims(x, 1).shape).toEqual([2, 1, 3])
    expect(expandDims(x, 2).shape).toEqual([2, 3, 1])
    expect(expandDims(x, -1).shape).toEqual([2, 3, 1])
    expect(expandDims(x, -2).shape).toEqual([2, 1, 3])
    expect(expandDims(x, -3).shape).toEqual([1, 2, 3])
    expect(expandDims(tensor([1, 2]), 1).toArray()).toEqual([[1], [2]])
  })

  it('throws naming the axis, the allowed range and the rank', () => {
    expect(() => expandDims(zeros([2, 3]), 3)).toThrow(
      new ShapeError('expandDims', 'axis 3 is out of range [-3, 2] for a new axis in a tensor of rank 2'),
    )
    expect(() => expandDims(zeros([2, 3]), -4)).toThrow(
      new ShapeError('expandDims', 'axis -4 is out of range [-3, 2] for a new axis in a tensor of rank 2'),
    )
    expect(() => expandDims('x' as never)).toThrow(
      new DTypeError('expandDims', 'argument \'x\' must be a Tensor, got "x"'),
    )
  })
})

describe('squeeze', () => {
  it('removes every axis of length 1 by default', () => {
    expect(squeeze(tensor([[1], [2]])).toArray()).toEqual([1, 2])
    expect(squeeze(zeros([1, 2, 1, 3, 1])).shape).toEqual([2, 3])
    expect(squeeze(tensor([[5]])).toArray()).toBe(5)
    expect(squeeze(zeros([2, 3])).shape).toEqual([2, 3])
  })

  it('removes only the listed axes', () => {
    const x = zeros([1, 2, 1])
    expect(squeeze(x, 0).shape).toEqual([2, 1])
    expect(squeeze(x, -1).shape).toEqual([1, 2])
    expect(squeeze(x, [0, 2]).shape).toEqual([2])
  })

  it('throws naming the axis when it is not of length 1', () => {
    expect(() => squeeze(zeros([2, 1]), 0)).toThrow(new ShapeError('squeeze', 'axis 0 has length 2, not 1, in [2, 1]'))
    expect(() => squeeze(zeros([2, 1]), 2)).toThrow(
      new ShapeError('squeeze', 'axis 2 is out of range for a tensor of rank 2'),
    )
  })

  it('leaves x untouched', () => {
    const x = tensor([[1], [2]])
    squeeze(x)
    expect(() => squeeze(x, 0)).toThrow(ShapeError)
    expect(x.toArray()).toEqual([[1], [2]])
  })
})
