import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, maxPoolGrad, ones, tensor } from '../index'
import type { Tensor } from '../index'

const int32 = (values: number[], shape: number[]) => tensor(values, shape, 'int32')

describe('maxPoolGrad', () => {
  it('adds each dy at its index, shared indices summed in order with float32 rounding', () => {
    const dy = tensor([1, 2 ** -24, 2 ** -24, 3], [1, 2, 2, 1])
    const dx = maxPoolGrad(dy, int32([0, 0, 0, 8], [1, 2, 2, 1]), [1, 3, 3, 1])
    expect(dx.shape).toEqual([1, 3, 3, 1])
    // 1 + 2⁻²⁴ rounds back to 1 in float32, twice: the order of TF1's output-by-output adds.
    expect(dx.toFlatArray()).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 3])
  })

  it('keeps float64 and leaves its inputs untouched', () => {
    const dy = tensor([0.1, 0.2], [1, 1, 2, 1], 'float64')
    const argmax = int32([1, 1], [1, 1, 2, 1])
    expect(maxPoolGrad(dy, argmax, [1, 1, 2, 1]).toFlatArray()).toEqual([0, 0.1 + 0.2])
    expect(dy.toFlatArray()).toEqual([0.1, 0.2])
    expect(argmax.toFlatArray()).toEqual([1, 1])
  })

  const dy = ones([1, 1, 2, 1])
  const refusals: [string, () => unknown, Error][] = [
    [
      'a non-tensor dy',
      () => maxPoolGrad([1] as unknown as Tensor, int32([0], [1]), [2]),
      new DTypeError('maxPoolGrad', "argument 'dy' must be a Tensor, got an array"),
    ],
    [
      'an int32 dy',
      () => maxPoolGrad(ones([2], 'int32'), int32([0, 1], [2]), [2]),
      new DTypeError('maxPoolGrad', 'dy must have dtype float32 or float64, got int32'),
    ],
    [
      'float indices',
      () => maxPoolGrad(dy, ones([1, 1, 2, 1]), [1, 2, 2, 1]),
      new DTypeError('maxPoolGrad', 'argmax must have dtype int32, got float32'),
    ],
    [
      'indices of another shape',
      () => maxPoolGrad(dy, int32([0, 1], [2]), [1, 2, 2, 1]),
      new ShapeError('maxPoolGrad', 'argmax must have the shape of dy [1, 1, 2, 1], got [2]'),
    ],
    [
      'an index past the input',
      () => maxPoolGrad(dy, int32([0, 4], [1, 1, 2, 1]), [1, 2, 2, 1]),
      new ShapeError('maxPoolGrad', 'argmax holds 4, outside [0, 4)'),
    ],
    [
      'a negative index',
      () => maxPoolGrad(dy, int32([-1, 0], [1, 1, 2, 1]), [1, 2, 2, 1]),
      new ShapeError('maxPoolGrad', 'argmax holds -1, outside [0, 4)'),
    ],
    [
      'a bad inputShape',
      () => maxPoolGrad(dy, int32([0, 1], [1, 1, 2, 1]), [1, 2.5]),
      new ShapeError('maxPoolGrad', 'dimensions must be non-negative integers, got [1, 2.5]'),
    ],
  ]

  it.each(refusals)('refuses %s with the class and message', (_case, call, error) => {
    expect(call).toThrow(error)
    expect(call).toThrow(error.constructor as new () => Error)
  })
})
