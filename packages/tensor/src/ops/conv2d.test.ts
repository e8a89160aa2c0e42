import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { ones, tensor } from '../creation'
import { randomUniform } from '../random/randomUniform'
import type { Tensor } from '../tensor'
import { conv2d } from './conv2d'
import { conv2dBackpropFilter } from './conv2dBackpropFilter'
import { conv2dBackpropInput } from './conv2dBackpropInput'
import { referenceConv2d, referenceConv2dGradients } from './conv2dReference'
import type { ReferenceGeometry } from './conv2dReference'

const geometry = (
  input: ReferenceGeometry['input'],
  filter: ReferenceGeometry['filter'],
  options: Partial<Pick<ReferenceGeometry, 'strides' | 'dilations' | 'padding'>> = {},
): ReferenceGeometry => ({ input, filter, strides: [1, 1], dilations: [1, 1], padding: 'VALID', ...options })

const GEOMETRIES: readonly [string, ReferenceGeometry][] = [
  ['VALID, odd sizes', geometry([2, 7, 5, 3], [3, 2, 3, 4])],
  ['SAME with odd padding', geometry([2, 6, 7, 2], [4, 3, 2, 3], { padding: 'SAME' })],
  ['SAME, strides [2, 3]', geometry([1, 9, 8, 2], [3, 3, 2, 2], { strides: [2, 3], padding: 'SAME' })],
  ['VALID, strides 2 that skip the last row', geometry([2, 8, 8, 1], [3, 3, 1, 2], { strides: [2, 2] })],
  ['SAME, dilations [2, 3]', geometry([1, 9, 10, 2], [3, 2, 2, 3], { dilations: [2, 3], padding: 'SAME' })],
  ['VALID, dilations 2', geometry([2, 7, 7, 1], [2, 3, 1, 2], { dilations: [2, 2] })],
  ['batch 1, one channel in and out', geometry([1, 12, 11, 1], [5, 5, 1, 1])],
  ['many channels', geometry([2, 5, 4, 24], [2, 2, 24, 40], { padding: 'SAME' })],
  ['1 x 1 filter', geometry([3, 4, 4, 5], [1, 1, 5, 7], { strides: [2, 2] })],
  ['filter as large as the input', geometry([2, 5, 4, 3], [5, 4, 3, 2])],
  ['LeNet conv2 on 2 images', geometry([2, 12, 12, 6], [5, 5, 6, 16])],
]

const optionsOf = (g: ReferenceGeometry) => ({ strides: g.strides, padding: g.padding, dilations: g.dilations })

const random = (shape: readonly number[], seed: number, dtype: 'float32' | 'float64') =>
  randomUniform(shape, { minval: -1, maxval: 1, seed, dtype })

/**
 * |actual − expected| within what a sequential float32 sum of n terms can
 * drift: n · 2⁻²⁴ times the sum of the terms' magnitudes (plus the final
 * rounding), or 1e-12 of it in float64.
 */
function expectClose(actual: Tensor, expected: readonly number[], magnitude: readonly number[], terms: number): void {
  const values = actual.toFlatArray()
  const unit = actual.dtype === 'float32' ? 2 ** -24 * (terms + 1) : 1e-12
  expect(values.length).toBe(expected.length)
  values.forEach((v, i) => {
    const bound = unit * magnitude[i]! + (actual.dtype === 'float32' ? 2 ** -24 * Math.abs(expected[i]!) : 0)
    if (!(Math.abs(v - expected[i]!) <= bound)) expect({ i, v }).toEqual({ i, v: expected[i] })
  })
}

describe.each(['float64', 'float32'] as const)('conv2d and its gradients in %s', (dtype) => {
  describe.each(GEOMETRIES)('%s', (_name, g) => {
    const x = random(g.input, 1, dtype)
    const filter = random(g.filter, 2, dtype)
    const xs = x.toFlatArray()
    const fs = filter.toFlatArray()
    const abs = (v: number[]) => v.map(Math.abs)
    const { shape, y } = referenceConv2d(g, xs, fs)
    const dy = random(shape, 3, dtype)
    const dys = dy.toFlatArray()
    const [fh, fw, inChannels, outChannels] = g.filter

    it('conv2d matches the float64 reference', () => {
      const out = conv2d(x, filter, optionsOf(g))
      expect(out.shape).toEqual(shape)
      expect(out.dtype).toBe(dtype)
      expectClose(out, y, referenceConv2d(g, abs(xs), abs(fs)).y, fh * fw * inChannels)
    })

    it('conv2dBackpropInput and conv2dBackpropFilter match the reference gradients', () => {
      const { dx, dFilter } = referenceConv2dGradients(g, xs, fs, dys)
      const magnitudes = referenceConv2dGradients(g, abs(xs), abs(fs), abs(dys))
      const gradX = conv2dBackpropInput(g.input, filter, dy, optionsOf(g))
      const gradFilter = conv2dBackpropFilter(x, g.filter, dy, optionsOf(g))
      expect(gradX.shape).toEqual(g.input)
      expect(gradFilter.shape).toEqual(g.filter)
      // dx sums outChannels products per covering window, at most fh · fw windows.
      expectClose(gradX, dx, magnitudes.dx, fh * fw * (outChannels + 1))
      expectClose(gradFilter, dFilter, magnitudes.dFilter, shape[0]! * shape[1]! * shape[2]!)
    })

    it('leaves its inputs untouched', () => {
      conv2d(x, filter, optionsOf(g))
      conv2dBackpropInput(g.input, filter, dy, optionsOf(g))
      conv2dBackpropFilter(x, g.filter, dy, optionsOf(g))
      expect(x.toFlatArray()).toEqual(xs)
      expect(filter.toFlatArray()).toEqual(fs)
      expect(dy.toFlatArray()).toEqual(dys)
    })
  })
})

describe('conv2d conventions', () => {
  const x = tensor(
    Array.from({ length: 16 }, (_, i) => i + 1),
    [1, 4, 4, 1],
  )

  it("puts SAME's odd padding row and column after the input, as TF does", () => {
    // Pad total 1 on each axis: none before, one after.
    const y = conv2d(x, ones([2, 2, 1, 1]), { padding: 'SAME' })
    expect(y.shape).toEqual([1, 4, 4, 1])
    expect(y.toFlatArray()).toEqual([14, 18, 22, 12, 30, 34, 38, 20, 46, 50, 54, 28, 27, 29, 31, 16])
  })

  it('gives ceil(size / stride) positions under SAME and floor((size - span) / stride) + 1 under VALID', () => {
    expect(conv2d(x, ones([3, 3, 1, 1]), { strides: 3, padding: 'SAME' }).shape).toEqual([1, 2, 2, 1])
    expect(conv2d(x, ones([3, 3, 1, 1]), { strides: 3 }).shape).toEqual([1, 1, 1, 1])
    expect(conv2d(x, ones([2, 2, 1, 1]), { dilations: 3 }).toFlatArray()).toEqual([1 + 4 + 13 + 16])
  })

  it('takes strides and dilations as one number or a pair, and undefined options as omitted ones', () => {
    const filter = ones([2, 2, 1, 1])
    expect(conv2d(x, filter, { strides: [1, 2] }).toFlatArray()).toEqual(
      conv2d(x, filter)
        .toFlatArray()
        .filter((_, i) => i % 3 !== 1),
    )
    expect(conv2d(x, filter, undefined).toFlatArray()).toEqual(conv2d(x, filter, { strides: 1 }).toFlatArray())
    expect(conv2d(x, filter, { padding: undefined }).shape).toEqual([1, 3, 3, 1])
  })

  it('propagates NaN to the outputs whose windows hold it', () => {
    const withNaN = tensor([1, NaN, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])
    expect(conv2d(withNaN, ones([2, 2, 1, 1])).toFlatArray()).toEqual([NaN, NaN, 24, 28])
  })

  it('gives an empty output for an empty batch', () => {
    expect(conv2d(ones([0, 4, 4, 2]), ones([2, 2, 2, 3])).shape).toEqual([0, 3, 3, 3])
  })
})

type ErrorClass = typeof ShapeError | typeof DTypeError | typeof ConfigError

/** Refusal cases named by their message. */
const refusals = (cases: [() => unknown, ErrorClass, string][]) =>
  cases.map(([call, errorClass, message]) => ({ call, errorClass, message }))

describe('conv2d refusals', () => {
  const x = ones([2, 5, 5, 3])
  const filter = ones([3, 3, 3, 4])

  it.each(
    refusals([
      [() => conv2d('x' as unknown as Tensor, filter), DTypeError, `conv2d: argument 'x' must be a Tensor, got "x"`],
      [
        () => conv2d(x, ones([3, 3, 3, 4], 'float64')),
        DTypeError,
        'conv2d: dtypes differ: x is float32, filter is float64',
      ],
      [
        () => conv2d(ones([2, 5, 5, 3], 'int32'), ones([3, 3, 3, 4], 'int32')),
        DTypeError,
        'conv2d: x must have dtype float32 or float64, got int32',
      ],
      [
        () => conv2d(ones([5, 5, 3]), filter),
        ShapeError,
        'conv2d: x must be rank 4 [batch, height, width, inChannels], got [5, 5, 3]',
      ],
      [
        () => conv2d(x, ones([3, 3, 3])),
        ShapeError,
        'conv2d: filter must be rank 4 [filterHeight, filterWidth, inChannels, outChannels], got [3, 3, 3]',
      ],
      [
        () => conv2d(x, ones([3, 3, 2, 4])),
        ShapeError,
        'conv2d: x has 3 channels but filter expects 2: x is [2, 5, 5, 3], filter is [3, 3, 2, 4]',
      ],
      [
        () => conv2d(x, ones([6, 3, 3, 4])),
        ShapeError,
        "conv2d: the window's height 6 is larger than the input's height 5 under 'VALID' padding",
      ],
      [
        () => conv2d(x, filter, { dilations: [1, 3] }),
        ShapeError,
        "conv2d: the window's width 3 (7 dilated) is larger than the input's width 5 under 'VALID' padding",
      ],
      [
        () => conv2d(x, ones([0, 3, 3, 4])),
        ShapeError,
        "conv2d: filter's height and width must be at least 1, got [0, 3, 3, 4]",
      ],
      [() => conv2d(x, filter, { strides: 0 }), ConfigError, 'conv2d: strides must be an integer >= 1, got 0'],
      [
        () => conv2d(x, filter, { strides: [1, 2, 1] as unknown as [number, number] }),
        ConfigError,
        'conv2d: strides must be an integer >= 1 or a pair [height, width] of them, got an array of length 3',
      ],
      [
        () => conv2d(x, filter, { dilations: [1, 1.5] }),
        ConfigError,
        'conv2d: dilations[1] must be an integer >= 1, got 1.5',
      ],
      [
        () => conv2d(x, filter, { padding: 'same' as 'SAME' }),
        ConfigError,
        `conv2d: padding must be one of 'SAME', 'VALID', got "same"`,
      ],
      [
        () => conv2d(x, filter, { strides: 2, dilations: [1, 2] }),
        ConfigError,
        'conv2d: strides > 1 together with dilations > 1 is not supported (nor in TF), got strides [2, 2] and dilations [1, 2]',
      ],
      [
        () => conv2d(x, filter, { stride: 2 } as never),
        ConfigError,
        "conv2d: unknown option 'stride'; expected one of strides, padding, dilations",
      ],
      [() => conv2d(x, filter, null as never), ConfigError, 'conv2d: options must be an object, got null'],
    ]),
  )('$message', ({ call, errorClass, message }) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
    expect(x.toFlatArray()).toEqual(ones([2, 5, 5, 3]).toFlatArray())
  })
})

describe('conv2dBackpropInput and conv2dBackpropFilter refusals', () => {
  const filter = ones([3, 3, 2, 4])
  const dy = ones([1, 3, 3, 4])
  const x = ones([1, 5, 5, 2])

  it.each(
    refusals([
      [
        () => conv2dBackpropInput([1, 5, 5], filter, dy),
        ShapeError,
        'conv2dBackpropInput: inputShape must be rank 4 [batch, height, width, inChannels], got [1, 5, 5]',
      ],
      [
        () => conv2dBackpropInput([1, 5, -5, 2], filter, dy),
        ShapeError,
        'conv2dBackpropInput: dimensions must be non-negative integers, got [1, 5, -5, 2]',
      ],
      [
        () => conv2dBackpropInput([1, 5, 5, 3], filter, dy),
        ShapeError,
        'conv2dBackpropInput: inputShape has 3 channels but filter expects 2: inputShape is [1, 5, 5, 3], filter is [3, 3, 2, 4]',
      ],
      [
        () => conv2dBackpropInput([1, 5, 5, 2], filter, ones([1, 2, 3, 4])),
        ShapeError,
        'conv2dBackpropInput: dy must have shape [1, 3, 3, 4], the output of a conv2d of inputShape [1, 5, 5, 2] by filter [3, 3, 2, 4], got [1, 2, 3, 4]',
      ],
      [
        () => conv2dBackpropInput([1, 5, 5, 2], filter, ones([1, 3, 3, 4], 'float64')),
        DTypeError,
        'conv2dBackpropInput: dtypes differ: filter is float32, dy is float64',
      ],
      [
        () => conv2dBackpropInput([1, 5, 5, 2], filter, dy, { pading: 'SAME' } as never),
        ConfigError,
        "conv2dBackpropInput: unknown option 'pading'; expected one of strides, padding, dilations",
      ],
      [
        () => conv2dBackpropFilter(x, [3, 3, 2], dy),
        ShapeError,
        'conv2dBackpropFilter: filterShape must be rank 4 [filterHeight, filterWidth, inChannels, outChannels], got [3, 3, 2]',
      ],
      [
        () => conv2dBackpropFilter(x, [3, 3, 2, 4], dy, { padding: 'SAME' }),
        ShapeError,
        'conv2dBackpropFilter: dy must have shape [1, 5, 5, 4], the output of a conv2d of x [1, 5, 5, 2] by filterShape [3, 3, 2, 4], got [1, 3, 3, 4]',
      ],
      [
        () => conv2dBackpropFilter(x, [3, 3, 2, 4], 'dy' as never),
        DTypeError,
        `conv2dBackpropFilter: argument 'dy' must be a Tensor, got "dy"`,
      ],
      [
        () => conv2dBackpropFilter(x, [3, 3, 2, 4], dy, { strides: -1 }),
        ConfigError,
        'conv2dBackpropFilter: strides must be an integer >= 1, got -1',
      ],
    ]),
  )('$message', ({ call, errorClass, message }) => {
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})
