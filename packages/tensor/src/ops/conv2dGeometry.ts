import { ConfigError, DTypeError, ShapeError, checkOptions } from '@gradstream/core'
import type { Conv2DLayout } from '../kernels'
import type { Conv2DAttrs } from '../primitives'
import { checkElementCount, checkShape, formatShape } from '../shape'
import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { FLOAT, checkDTypeIn, checkTensor } from './argumentChecks'
import { checkPadding, pairOption, windowGeometry } from './windowGeometry'
import type { Padding, PairOption } from './windowGeometry'

// The argument checks and the geometry that conv2d and its two gradients
// share, so all three refuse the same things with the same words.

/** How {@link conv2d} slides its filter. */
export interface Conv2DOptions {
  /** Step between windows, `[height, width]` or one number for both; default 1. */
  readonly strides?: PairOption
  /** 'VALID' (default) or 'SAME', with TF's padding split. */
  readonly padding?: Padding
  /** Spacing between filter taps, `[height, width]` or one number; default 1. */
  readonly dilations?: PairOption
}

const CONV2D_OPTIONS = ['strides', 'padding', 'dilations']
const INPUT_AXES = '[batch, height, width, inChannels]'
const FILTER_AXES = '[filterHeight, filterWidth, inChannels, outChannels]'

const exceedsOne = ([height, width]: readonly [number, number]) => height > 1 || width > 1

/**
 * The options read into attributes: the defaults filled in, each checked.
 * Strides and dilations both above 1 are refused, as TF's `convolution` does.
 */
export function conv2dAttrs(fn: string, options: Conv2DOptions): Conv2DAttrs {
  checkOptions(fn, options, CONV2D_OPTIONS)
  const { strides = 1, padding = 'VALID', dilations = 1 } = options
  const stridePair = pairOption(fn, 'strides', strides)
  checkPadding(fn, padding)
  const dilationPair = pairOption(fn, 'dilations', dilations)
  if (exceedsOne(stridePair) && exceedsOne(dilationPair)) {
    throw new ConfigError(
      fn,
      `strides > 1 together with dilations > 1 is not supported (nor in TF), got strides ${formatShape(stridePair)} and dilations ${formatShape(dilationPair)}`,
    )
  }
  return Object.freeze({ strides: Object.freeze(stridePair), padding, dilations: Object.freeze(dilationPair) })
}

/** Throws a DTypeError unless `a` and `b` are float tensors of one dtype. */
export function checkFloatPair(fn: string, [aName, a]: [string, unknown], [bName, b]: [string, unknown]): void {
  checkTensor(fn, aName, a)
  checkTensor(fn, bName, b)
  checkDTypeIn(fn, aName, a, FLOAT)
  if (a.dtype !== b.dtype) throw new DTypeError(fn, `dtypes differ: ${aName} is ${a.dtype}, ${bName} is ${b.dtype}`)
}

/** Throws a ShapeError unless `shape` is an input of rank 4, NHWC. */
export function checkInputShape(fn: string, name: string, shape: Shape): void {
  if (shape.length !== 4) throw new ShapeError(fn, `${name} must be rank 4 ${INPUT_AXES}, got ${formatShape(shape)}`)
}

/** Throws a ShapeError unless `shape` is a filter of rank 4, HWIO, with a window of at least 1 x 1. */
export function checkFilterShape(fn: string, name: string, shape: Shape): void {
  if (shape.length !== 4) throw new ShapeError(fn, `${name} must be rank 4 ${FILTER_AXES}, got ${formatShape(shape)}`)
  if (shape[0] === 0 || shape[1] === 0) {
    throw new ShapeError(fn, `${name}'s height and width must be at least 1, got ${formatShape(shape)}`)
  }
}

/** A shape argument (inputShape, filterShape): non-negative integers, then rank 4 of its kind. */
export function checkShapeArgument(fn: string, name: string, shape: Shape, kind: 'input' | 'filter'): void {
  checkShape(fn, shape)
  if (kind === 'input') checkInputShape(fn, name, shape)
  else checkFilterShape(fn, name, shape)
}

/** The names an op gives its input and filter in messages. */
export interface ConvNames {
  readonly input: string
  readonly filter: string
}

/**
 * Where the filter slides over the input: channel agreement checked, TF's
 * output size and padding split per axis, and the output's size checked.
 */
export function conv2dLayout(
  fn: string,
  names: ConvNames,
  inputShape: Shape,
  filterShape: Shape,
  { strides, padding, dilations }: Conv2DAttrs,
): Conv2DLayout {
  const [batch, inHeight, inWidth, inChannels] = inputShape as [number, number, number, number]
  const [filterHeight, filterWidth, filterChannels, outChannels] = filterShape as [number, number, number, number]
  if (filterChannels !== inChannels) {
    throw new ShapeError(
      fn,
      `${names.input} has ${inChannels} channels but ${names.filter} expects ${filterChannels}: ${names.input} is ${formatShape(inputShape)}, ${names.filter} is ${formatShape(filterShape)}`,
    )
  }
  const rows = windowGeometry(fn, 'height', inHeight, filterHeight, strides[0], dilations[0], padding)
  const columns = windowGeometry(fn, 'width', inWidth, filterWidth, strides[1], dilations[1], padding)
  checkElementCount(fn, [batch, rows.outSize, columns.outSize, outChannels])
  return {
    batch,
    inHeight,
    inWidth,
    inChannels,
    filterHeight,
    filterWidth,
    outChannels,
    outHeight: rows.outSize,
    outWidth: columns.outSize,
    strideHeight: strides[0],
    strideWidth: strides[1],
    dilationHeight: dilations[0],
    dilationWidth: dilations[1],
    padTop: rows.padBefore,
    padLeft: columns.padBefore,
  }
}

/** The output shape `[batch, outHeight, outWidth, outChannels]` of a layout. */
export const conv2dOutputShape = (layout: Conv2DLayout): number[] => [
  layout.batch,
  layout.outHeight,
  layout.outWidth,
  layout.outChannels,
]

/**
 * Throws a ShapeError unless `dy` has the output shape of the convolution
 * `layout` describes (the gradients take dy of exactly that shape, as TF).
 */
export function checkGradientShape(fn: string, dyName: string, dy: Tensor, layout: Conv2DLayout, names: ConvNames) {
  const expected = conv2dOutputShape(layout)
  if (dy.rank === 4 && expected.every((d, i) => d === dy.shape[i])) return
  throw new ShapeError(
    fn,
    `${dyName} must have shape ${formatShape(expected)}, the output of a conv2d of ${names.input} ${formatShape([layout.batch, layout.inHeight, layout.inWidth, layout.inChannels])} by ${names.filter} ${formatShape([layout.filterHeight, layout.filterWidth, layout.inChannels, layout.outChannels])}, got ${formatShape(dy.shape)}`,
  )
}
