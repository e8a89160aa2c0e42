import type { Tensor } from '../tensor'
import { backpropInput } from './conv2dBackpropInput'
import type { BackpropInputNames } from './conv2dBackpropInput'
import type { Conv2DOptions } from './conv2dGeometry'

const NAMES: BackpropInputNames = { fn: 'conv2dTranspose', inputShape: 'outputShape', dy: 'x' }

/**
 * TF1's `tf.nn.conv2d_transpose`: the transpose of {@link conv2d}, which TF
 * computes as Conv2DBackpropInput and so does gradstream (same op, same
 * float32 order). `x` is [batch, height, width, inChannels], `filter`
 * [filterHeight, filterWidth, outChannels, inChannels] (TF's order: the
 * output's channels come third), and `outputShape` [batch, outHeight,
 * outWidth, outChannels] must be a shape that `conv2d` with these options
 * takes to x's shape.
 *
 * @example
 * conv2dTranspose(ones([1, 1, 1, 1]), ones([2, 2, 1, 1]), [1, 2, 2, 1]).toFlatArray() // [1, 1, 1, 1]
 */
export function conv2dTranspose(
  x: Tensor,
  filter: Tensor,
  outputShape: readonly number[],
  options: Conv2DOptions = {},
): Tensor {
  return backpropInput(NAMES, outputShape, filter, x, options)
}
