import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { ones, tensor } from '../creation'
import { randomUniform } from '../random/randomUniform'
import { conv1d } from './conv1d'
import { referenceConv2d } from './conv2dReference'

describe('conv1d', () => {
  it.each([
    { stride: 1, padding: 'VALID', dilation: 1 },
    { stride: 2, padding: 'SAME', dilation: 1 },
    { stride: 1, padding: 'SAME', dilation: 2 },
  ] as const)('matches the float64 reference of a height-1 conv2d with %o', (options) => {
    const x = randomUniform([2, 11, 3], { minval: -1, maxval: 1, seed: 1, dtype: 'float64' })
    const filter = randomUniform([4, 3, 5], { minval: -1, maxval: 1, seed: 2, dtype: 'float64' })
    const { shape, y } = referenceConv2d(
      {
        input: [2, 1, 11, 3],
        filter: [1, 4, 3, 5],
        strides: [1, options.stride],
        dilations: [1, options.dilation],
        padding: options.padding,
      },
      x.toFlatArray(),
      filter.toFlatArray(),
    )
    const out = conv1d(x, filter, options)
    expect(out.shape).toEqual([2, shape[2], 5])
    out.toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(y[i]!, 12))
  })

  it('slides along the width, padding the odd element after under SAME', () => {
    expect(conv1d(tensor([1, 2, 3, 4], [1, 4, 1]), ones([2, 1, 1]), { padding: 'SAME' }).toFlatArray()).toEqual([
      3, 5, 7, 4,
    ])
  })

  it.each([
    {
      call: () => conv1d(ones([4, 1]), ones([2, 1, 1])),
      errorClass: ShapeError,
      message: 'conv1d: x must be rank 3 [batch, width, inChannels], got [4, 1]',
    },
    {
      call: () => conv1d(ones([1, 4, 2]), ones([2, 1, 1])),
      errorClass: ShapeError,
      message: 'conv1d: x has 2 channels but filter expects 1: x is [1, 4, 2], filter is [2, 1, 1]',
    },
    {
      call: () => conv1d(ones([1, 4, 1]), ones([5, 1, 1])),
      errorClass: ShapeError,
      message: "conv1d: the window's width 5 is larger than the input's width 4 under 'VALID' padding",
    },
    {
      call: () => conv1d(ones([1, 4, 1]), ones([2, 1, 1], 'float64')),
      errorClass: DTypeError,
      message: 'conv1d: dtypes differ: x is float32, filter is float64',
    },
    {
      call: () => conv1d(ones([1, 4, 1]), ones([2, 1, 1]), { stride: 0 }),
      errorClass: ConfigError,
      message: 'conv1d: stride must be an integer >= 1, got 0',
    },
    {
      call: () => conv1d(ones([1, 9, 1]), ones([2, 1, 1]), { stride: 2, dilation: 2 }),
      errorClass: ConfigError,
      message:
        'conv1d: stride > 1 together with dilation > 1 is not supported (nor in TF), got stride 2 and dilation 2',
    },
    {
      call: () => conv1d(ones([1, 4, 1]), ones([2, 1, 1]), { strides: 2 } as never),
      errorClass: ConfigError,
      message: "conv1d: unknown option 'strides'; expected one of stride, padding, dilation",
    },
  ])('refuses: $message', ({ call, errorClass, message }) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})
