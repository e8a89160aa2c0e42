import { ConfigError, ShapeError, checkInteger, checkOptions } from '@gradstream/core'
import { formatShape } from '../shape'
import type { Tensor } from '../tensor'
import { conv2d } from './conv2d'
import { checkFloatPair } from './conv2dGeometry'
import { reshape } from './reshape'
import { checkPadding, windowGeometry } from './windowGeometry'
import type { Padding } from './windowGeometry'

/** How {@link conv1d} slides its filter. */
export interface Conv1DOptions {
  /** Step between windows; default 1. */
  readonly stride?: number
  /** 'VALID' (default) or 'SAME', with TF's padding split. */
  readonly padding?: Padding
  /** Spacing between filter taps; default 1. */
  readonly dilation?: number
}

const FN = 'conv1d'
const OPTIONS = ['stride', 'padding', 'dilation']

function checkShapes(x: Tensor, filter: Tensor): void {
  if (x.rank !== 3) throw new ShapeError(FN, `x must be rank 3 [batch, width, inChannels], got ${formatShape(x.shape)}`)
  if (filter.rank !== 3 || filter.shape[0] === 0) {
    throw new ShapeError(
      FN,
      `filter must be rank 3 [filterWidth, inChannels, outChannels] with filterWidth >= 1, got ${formatShape(filter.shape)}`,
    )
  }
  if (x.shape[2] !== filter.shape[1]) {
    throw new ShapeError(
      FN,
      `x has ${x.shape[2]} channels but filter expects ${filter.shape[1]}: x is ${formatShape(x.shape)}, filter is ${formatShape(filter.shape)}`,
    )
  }
}

/**
 * TF1's `tf.nn.conv1d`: `x` [batch, width, inChannels] (NWC) convolved
 * with `filter` [filterWidth, inChannels, outChannels], giving [batch,
 * outWidth, outChannels]. As in TF, it is {@link conv2d} of x as [batch, 1,
 * width, inChannels] by the filter as [1, filterWidth, inChannels,
 * outChannels], so values, float32 order and gradients are conv2d's.
 * A stride and a dilation above 1 together are refused.
 *
 * @example
 * conv1d(tensor([1, 2, 3, 4], [1, 4, 1]), ones([2, 1, 1])).toFlatArray() // [3, 5, 7]
 */
export function conv1d(x: Tensor, filter: Tensor, options: Conv1DOptions = {}): Tensor {
  checkFloatPair(FN, ['x', x], ['filter', filter])
  checkOptions(FN, options, OPTIONS)
  const { stride = 1, padding = 'VALID', dilation = 1 } = options
  checkInteger(FN, 'stride', stride, 1)
  checkPadding(FN, padding)
  checkInteger(FN, 'dilation', dilation, 1)
  checkShapes(x, filter)
  // conv2d would refuse these with its own name and 4-D shapes.
  if (stride > 1 && dilation > 1) {
    throw new ConfigError(
      FN,
      `stride > 1 together with dilation > 1 is not supported (nor in TF), got stride ${stride} and dilation ${dilation}`,
    )
  }
  windowGeometry(FN, 'width', x.shape[1]!, filter.shape[0]!, stride, dilation, padding)
  const [batch, width, inChannels] = x.shape as [number, number, number]
  const [filterWidth, , outChannels] = filter.shape as [number, number, number]
  const y = conv2d(
    reshape(x, [batch, 1, width, inChannels]),
    reshape(filter, [1, filterWidth, inChannels, outChannels]),
    {
      strides: [1, stride],
      padding,
      dilations: [1, dilation],
    },
  )
  return reshape(y, [batch, y.shape[2]!, outChannels])
}
