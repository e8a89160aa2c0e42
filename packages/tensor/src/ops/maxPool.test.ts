import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, maxPool, ones, tensor } from '../index'
import type { PoolOptions, Tensor } from '../index'

const x = () => tensor([1, 5, 2, 0, 3, 4, 7, 1, 6, 8, 2, 9, 0, 3, 1, 2], [1, 4, 4, 1])

describe('maxPool', () => {
  it('pools 2x2 windows side by side by default', () => {
    const out = maxPool(x(), { ksize: 2 })
    expect(out.shape).toEqual([1, 2, 2, 1])
    expect(out.toFlatArray()).toEqual([5, 7, 8, 9])
  })

  it('takes [height, width] pairs and keeps the dtype', () => {
    const out = maxPool(tensor(x().toFlatArray(), [1, 4, 4, 1], 'float64'), { ksize: [1, 4], strides: [2, 1] })
    expect(out.dtype).toBe('float64')
    expect(out.shape).toEqual([1, 2, 1, 1])
    expect(out.toFlatArray()).toEqual([5, 9])
  })

  it('treats an undefined strides or padding as left out', () => {
    expect(maxPool(x(), { ksize: 2, strides: undefined, padding: undefined })).toEqual(maxPool(x(), { ksize: 2 }))
  })
})

describe('maxPool errors', () => {
  const image = ones([1, 4, 4, 2])
  const refusals: [string, () => unknown, Error][] = [
    [
      'a non-tensor',
      () => maxPool([1, 2] as unknown as Tensor, { ksize: 2 }),
      new DTypeError('maxPool', "argument 'x' must be a Tensor, got an array"),
    ],
    [
      'an int32 input',
      () => maxPool(ones([1, 2, 2, 1], 'int32'), { ksize: 2 }),
      new DTypeError('maxPool', 'x must have dtype float32 or float64, got int32'),
    ],
    [
      'an input of rank 2',
      () => maxPool(ones([2, 3]), { ksize: 2 }),
      new ShapeError('maxPool', 'x must be rank 4 [batch, height, width, channels], got [2, 3]'),
    ],
    [
      'missing options',
      () => maxPool(image, undefined as unknown as PoolOptions),
      new ConfigError('maxPool', 'options must be an object, got undefined'),
    ],
    [
      'an unknown option',
      () => maxPool(image, { ksize: 2, stride: 2 } as unknown as PoolOptions),
      new ConfigError('maxPool', "unknown option 'stride'; expected one of ksize, strides, padding"),
    ],
    [
      'a missing ksize',
      () => maxPool(image, {} as unknown as PoolOptions),
      new ConfigError('maxPool', 'ksize must be an integer >= 1 or a pair [height, width] of them, got undefined'),
    ],
    [
      'a ksize of 0',
      () => maxPool(image, { ksize: 0 }),
      new ConfigError('maxPool', 'ksize must be an integer >= 1, got 0'),
    ],
    [
      'a ksize of one element',
      () => maxPool(image, { ksize: [2] as unknown as [number, number] }),
      new ConfigError(
        'maxPool',
        'ksize must be an integer >= 1 or a pair [height, width] of them, got an array of length 1',
      ),
    ],
    [
      'a fractional stride',
      () => maxPool(image, { ksize: 2, strides: 1.5 }),
      new ConfigError('maxPool', 'strides must be an integer >= 1, got 1.5'),
    ],
    [
      'a zero column stride',
      () => maxPool(image, { ksize: 2, strides: [1, 0] }),
      new ConfigError('maxPool', 'strides[1] must be an integer >= 1, got 0'),
    ],
    [
      'a lower-case padding',
      () => maxPool(image, { ksize: 2, padding: 'same' as unknown as 'SAME' }),
      new ConfigError('maxPool', `padding must be one of 'SAME', 'VALID', got "same"`),
    ],
    [
      'a window wider than the input under VALID',
      () => maxPool(image, { ksize: [2, 5] }),
      new ShapeError('maxPool', "the window's width 5 is larger than the input's width 4 under 'VALID' padding"),
    ],
  ]

  it.each(refusals)('refuses %s with the class and message', (_case, call, error) => {
    expect(call).toThrow(error)
    expect(call).toThrow(error.constructor as new () => Error)
  })

  it('leaves the input untouched when it refuses', () => {
    const input = x()
    expect(() => maxPool(input, { ksize: 5 })).toThrow(ShapeError)
    expect(input).toEqual(x())
  })

  it('accepts a window wider than the input under SAME: ceil(size / stride) windows', () => {
    expect(maxPool(image, { ksize: [2, 5], padding: 'SAME' }).shape).toEqual([1, 2, 1, 2])
  })
})
