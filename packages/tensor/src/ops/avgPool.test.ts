import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, avgPool, avgPoolGrad, ones, tensor } from '../index'
import type { PoolOptions } from '../index'

const x = () => tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])

describe('avgPool', () => {
  it('averages 2x2 windows; SAME windows at the border count their real elements only', () => {
    expect(avgPool(x(), { ksize: 2 }).toFlatArray()).toEqual([3])
    const same = avgPool(x(), { ksize: 2, padding: 'SAME' })
    expect(same.shape).toEqual([1, 2, 2, 1])
    expect(same.toFlatArray()).toEqual([3, 4.5, 7.5, 9])
  })

  it('leaves the input untouched when it refuses', () => {
    const input = x()
    expect(() => avgPool(input, { ksize: 4 })).toThrow(
      new ShapeError('avgPool', "the window's height 4 is larger than the input's height 3 under 'VALID' padding"),
    )
    expect(input).toEqual(x())
  })

  const refusals: [string, () => unknown, Error][] = [
    [
      'an int32 input',
      () => avgPool(ones([1, 2, 2, 1], 'int32'), { ksize: 2 }),
      new DTypeError('avgPool', 'x must have dtype float32 or float64, got int32'),
    ],
    [
      'an input of rank 3',
      () => avgPool(ones([2, 2, 1]), { ksize: 2 }),
      new ShapeError('avgPool', 'x must be rank 4 [batch, height, width, channels], got [2, 2, 1]'),
    ],
    [
      'an unknown option',
      () => avgPool(x(), { ksize: 2, dilations: 1 } as unknown as PoolOptions),
      new ConfigError('avgPool', "unknown option 'dilations'; expected one of ksize, strides, padding"),
    ],
  ]

  it.each(refusals)('refuses %s with the class and message', (_case, call, error) => {
    expect(call).toThrow(error)
    expect(call).toThrow(error.constructor as new () => Error)
  })
})

describe('avgPoolGrad', () => {
  it('spreads each dy over its window: the adjoint of avgPool', () => {
    const dy = tensor([4, 8, 12, 16], [1, 2, 2, 1])
    expect(avgPoolGrad([1, 3, 3, 1], dy, { ksize: 2, padding: 'SAME' }).toFlatArray()).toEqual([
      1, 1, 4, 1, 1, 4, 6, 6, 16,
    ])
  })

  const dy = ones([1, 2, 2, 2])
  const refusals: [string, () => unknown, Error][] = [
    [
      'an inputShape of rank 3',
      () => avgPoolGrad([4, 4, 2], dy, { ksize: 2 }),
      new ShapeError('avgPoolGrad', 'inputShape must be rank 4 [batch, height, width, channels], got [4, 4, 2]'),
    ],
    [
      'a negative dimension',
      () => avgPoolGrad([1, -4, 4, 2], dy, { ksize: 2 }),
      new ShapeError('avgPoolGrad', 'dimensions must be non-negative integers, got [1, -4, 4, 2]'),
    ],
    [
      'a dy of rank 3',
      () => avgPoolGrad([1, 4, 4, 2], ones([2, 2, 2]), { ksize: 2 }),
      new ShapeError('avgPoolGrad', 'dy must be rank 4 [batch, height, width, channels], got [2, 2, 2]'),
    ],
    [
      'an int32 dy',
      () => avgPoolGrad([1, 4, 4, 2], ones([1, 2, 2, 2], 'int32'), { ksize: 2 }),
      new DTypeError('avgPoolGrad', 'dy must have dtype float32 or float64, got int32'),
    ],
    [
      'a dy of another shape than the pooled input',
      () => avgPoolGrad([1, 4, 4, 2], ones([1, 3, 2, 2]), { ksize: 2 }),
      new ShapeError(
        'avgPoolGrad',
        'dy must have the pooled shape [1, 2, 2, 2] of an input [1, 4, 4, 2], got [1, 3, 2, 2]',
      ),
    ],
    [
      'a window taller than the input under VALID',
      () => avgPoolGrad([1, 1, 4, 2], dy, { ksize: 2 }),
      new ShapeError('avgPoolGrad', "the window's height 2 is larger than the input's height 1 under 'VALID' padding"),
    ],
  ]

  it.each(refusals)('refuses %s with the class and message', (_case, call, error) => {
    expect(call).toThrow(error)
    expect(call).toThrow(error.constructor as new () => Error)
  })
})
