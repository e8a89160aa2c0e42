import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError } from '@gradstream/core'
import { identical } from './identical'
import { ones, tensor } from '../creation'
import { randomUniform } from '../random/randomUniform'
import { conv2dBackpropInput } from './conv2dBackpropInput'
import { conv2dTranspose } from './conv2dTranspose'
import { referenceConv2dGradients } from './conv2dReference'

describe('conv2dTranspose', () => {
  it('is Conv2DBackpropInput, bit for bit, with the filter [h, w, outChannels, inChannels]', () => {
    const x = randomUniform([2, 3, 4, 5], { seed: 1 })
    const filter = randomUniform([3, 3, 2, 5], { seed: 2 })
    const options = { strides: 2, padding: 'SAME' } as const
    const out = conv2dTranspose(x, filter, [2, 6, 7, 2], options)
    expect(out.shape).toEqual([2, 6, 7, 2])
    expect(identical(out, conv2dBackpropInput([2, 6, 7, 2], filter, x, options))).toBe(true)
  })

  it('matches the float64 reference: each input element spreads over its window', () => {
    const x = randomUniform([1, 3, 3, 2], { seed: 3, dtype: 'float64' })
    const filter = randomUniform([2, 3, 4, 2], { seed: 4, dtype: 'float64' })
    const { dx } = referenceConv2dGradients(
      { input: [1, 4, 5, 4], filter: [2, 3, 4, 2], strides: [1, 1], dilations: [1, 1], padding: 'VALID' },
      new Array<number>(80).fill(0),
      filter.toFlatArray(),
      x.toFlatArray(),
    )
    conv2dTranspose(x, filter, [1, 4, 5, 4])
      .toFlatArray()
      .forEach((v, i) => expect(v).toBeCloseTo(dx[i]!, 12))
  })

  it('upsamples with strides: a 2 x 2 filter of ones and stride 2 copies each value into a 2 x 2 block', () => {
    const out = conv2dTranspose(tensor([1, 2, 3, 4], [1, 2, 2, 1]), ones([2, 2, 1, 1]), [1, 4, 4, 1], { strides: 2 })
    expect(out.toFlatArray()).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
  })

  it.each([
    {
      call: () => conv2dTranspose(ones([1, 2, 2, 1]), ones([2, 2, 1, 1]), [1, 4, 4, 1]),
      errorClass: ShapeError,
      message:
        'conv2dTranspose: x must have shape [1, 3, 3, 1], the output of a conv2d of outputShape [1, 4, 4, 1] by filter [2, 2, 1, 1], got [1, 2, 2, 1]',
    },
    {
      call: () => conv2dTranspose(ones([1, 3, 3, 1]), ones([2, 2, 1, 1]), [1, 4, 4, 2]),
      errorClass: ShapeError,
      message:
        'conv2dTranspose: outputShape has 2 channels but filter expects 1: outputShape is [1, 4, 4, 2], filter is [2, 2, 1, 1]',
    },
    {
      call: () => conv2dTranspose(ones([1, 3, 3, 1]), ones([2, 2, 1]), [1, 4, 4, 1]),
      errorClass: ShapeError,
      message:
        'conv2dTranspose: filter must be rank 4 [filterHeight, filterWidth, inChannels, outChannels], got [2, 2, 1]',
    },
    {
      call: () => conv2dTranspose(ones([1, 3, 3, 1], 'float64'), ones([2, 2, 1, 1]), [1, 4, 4, 1]),
      errorClass: DTypeError,
      message: 'conv2dTranspose: dtypes differ: filter is float32, x is float64',
    },
  ])('refuses: $message', ({ call, errorClass, message }) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})
