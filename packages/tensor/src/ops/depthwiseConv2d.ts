import { zeros } from '../creation'
import { checkElementCount } from '../shape'
import type { Tensor } from '../tensor'
import { concat } from './concat'
import { conv2d } from './conv2d'
import { checkFilterShape, checkFloatPair, checkInputShape, conv2dAttrs, conv2dLayout } from './conv2dGeometry'
import type { Conv2DOptions } from './conv2dGeometry'
import { slice } from './slice'

const FN = 'depthwiseConv2d'

/**
 * TF1's `tf.nn.depthwise_conv2d` (DepthwiseConv2dNative): each input channel
 * c of `x` [batch, height, width, inChannels] convolved on its own with
 * `filter[:, :, c, :]` of `filter` [filterHeight, filterWidth, inChannels,
 * channelMultiplier], output channel `c · channelMultiplier + m`, as TF
 * orders them. Options and geometry are {@link conv2d}'s.
 *
 * A composite: one conv2d per input channel, then a concat. TF has a
 * dedicated kernel trio, but the per-channel conv2d computes the same sums
 * (float32 in (kh, kw) order from 0), its gradients are conv2d's with TF1's
 * conventions, and second-order gradients come for free. It costs one
 * conv2d call per channel: fine for tens of channels, the place to add a
 * primitive when hundreds are common.
 *
 * @example
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2])
 * depthwiseConv2d(x, ones([2, 2, 2, 1])).toFlatArray() // [16, 20]
 */
export function depthwiseConv2d(x: Tensor, filter: Tensor, options: Conv2DOptions = {}): Tensor {
  checkFloatPair(FN, ['x', x], ['filter', filter])
  const attrs = conv2dAttrs(FN, options)
  checkInputShape(FN, 'x', x.shape)
  checkFilterShape(FN, 'filter', filter.shape)
  const [filterHeight, filterWidth, inChannels, multiplier] = filter.shape as [number, number, number, number]
  // The geometry checked under this op's name; each per-channel conv2d then cannot fail.
  const layout = conv2dLayout(FN, { input: 'x', filter: 'filter' }, x.shape, filter.shape, attrs)
  const outShape = [layout.batch, layout.outHeight, layout.outWidth, inChannels * multiplier]
  checkElementCount(FN, outShape)
  if (inChannels === 0) return zeros(outShape, x.dtype)
  if (inChannels === 1) return conv2d(x, filter, options)
  const perChannel: Tensor[] = []
  for (let c = 0; c < inChannels; c++) {
    const channel = slice(x, [0, 0, 0, c], [-1, -1, -1, 1])
    const channelFilter = slice(filter, [0, 0, c, 0], [filterHeight, filterWidth, 1, multiplier])
    perChannel.push(conv2d(channel, channelFilter, options))
  }
  return concat(perChannel, 3)
}
