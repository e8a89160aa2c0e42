import { describe, expect, it } from 'vitest'
import { ConfigError, ShapeError } from '@gradstream/core'
import { ones, tensor } from '../creation'
import { randomUniform } from '../random/randomUniform'
import { referenceConv2d } from './conv2dReference'
import { depthwiseConv2d } from './depthwiseConv2d'

/** Channel c of NHWC values as a flat one-channel image. */
const channel = (values: number[], channels: number, c: number) => values.filter((_, i) => i % channels === c)

describe('depthwiseConv2d', () => {
  it.each([
    { strides: 1, padding: 'VALID', dilations: 1 },
    { strides: [2, 1], padding: 'SAME', dilations: 1 },
    { strides: 1, padding: 'SAME', dilations: 2 },
  ] as const)('convolves each channel with its own filters, output channel c · multiplier + m, with %o', (options) => {
    const x = randomUniform([2, 7, 6, 3], { minval: -1, maxval: 1, seed: 1, dtype: 'float64' })
    const filter = randomUniform([3, 2, 3, 2], { minval: -1, maxval: 1, seed: 2, dtype: 'float64' })
    const out = depthwiseConv2d(x, filter, options)
    const pair = (v: number | readonly [number, number]) => (typeof v === 'number' ? ([v, v] as const) : v)
    const xs = x.toFlatArray()
    const fs = filter.toFlatArray()
    for (let c = 0; c < 3; c++) {
      const { shape, y } = referenceConv2d(
        {
          input: [2, 7, 6, 1],
          filter: [3, 2, 1, 2],
          strides: pair(options.strides),
          dilations: pair(options.dilations),
          padding: options.padding,
        },
        channel(xs, 3, c),
        fs.filter((_, i) => Math.floor(i / 2) % 3 === c),
      )
      expect(out.shape).toEqual([...shape.slice(0, 3), 6])
      const outs = out.toFlatArray()
      for (let m = 0; m < 2; m++) {
        channel(outs, 6, 2 * c + m).forEach((v, i) => expect(v).toBeCloseTo(channel(y, 2, m)[i]!, 12))
      }
    }
  })

  it('sums each channel on its own', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2])
    expect(depthwiseConv2d(x, ones([2, 2, 2, 1])).toFlatArray()).toEqual([16, 20])
  })

  it.each([
    {
      call: () => depthwiseConv2d(ones([1, 4, 4, 2]), ones([2, 2, 3, 1])),
      errorClass: ShapeError,
      message: 'depthwiseConv2d: x has 2 channels but filter expects 3: x is [1, 4, 4, 2], filter is [2, 2, 3, 1]',
    },
    {
      call: () => depthwiseConv2d(ones([1, 4, 4, 2]), ones([5, 2, 2, 1])),
      errorClass: ShapeError,
      message: "depthwiseConv2d: the window's height 5 is larger than the input's height 4 under 'VALID' padding",
    },
    {
      call: () => depthwiseConv2d(ones([1, 4, 4, 2]), ones([2, 2, 2, 1]), { strides: 2, dilations: 2 }),
      errorClass: ConfigError,
      message:
        'depthwiseConv2d: strides > 1 together with dilations > 1 is not supported (nor in TF), got strides [2, 2] and dilations [2, 2]',
    },
  ])('refuses: $message', ({ call, errorClass, message }) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})
