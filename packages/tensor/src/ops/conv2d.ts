import { kernels } from '../kernels'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import {
  checkFilterShape,
  checkFloatPair,
  checkInputShape,
  conv2dAttrs,
  conv2dLayout,
  conv2dOutputShape,
} from './conv2dGeometry'
import type { Conv2DOptions } from './conv2dGeometry'

const NAMES = { input: 'x', filter: 'filter' }

/**
 * TF1's `tf.nn.conv2d` (Conv2D): `x` [batch, height, width, inChannels]
 * (NHWC) convolved with `filter` [filterHeight, filterWidth, inChannels,
 * outChannels] (HWIO), giving [batch, outHeight, outWidth, outChannels]:
 *
 *   y[b, i, j, o] = Σ_{kh, kw, c} x[b, i·sh + kh·dh − padTop, j·sw + kw·dw − padLeft, c] · filter[kh, kw, c, o]
 *
 * with zeros outside x. 'VALID' (the default) keeps the windows inside x;
 * 'SAME' gives ceil(size / stride) positions and pads as TF does, the odd
 * row or column after. Strides and dilations above 1 together are refused,
 * as TF1's `tf.nn.convolution` refuses them.
 *
 * float32 sums run in order from 0 over the patch, (kh, kw, c) row-major,
 * rounding after every product and sum. TF1's Eigen contraction blocks its
 * sums, so a float32 result may differ from TF1's in the last bits.
 * Padding takes part as zeros, as in TF's padded patches: an infinite
 * filter value over the padding gives NaN there.
 *
 * @example
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])
 * conv2d(x, ones([2, 2, 1, 1])).toFlatArray() // [12, 16, 24, 28]
 */
export function conv2d(x: Tensor, filter: Tensor, options: Conv2DOptions = {}): Tensor {
  checkFloatPair('conv2d', ['x', x], ['filter', filter])
  const attrs = conv2dAttrs('conv2d', options)
  checkInputShape('conv2d', 'x', x.shape)
  checkFilterShape('conv2d', 'filter', filter.shape)
  const layout = conv2dLayout('conv2d', NAMES, x.shape, filter.shape, attrs)
  const out = fromKernel(kernels.conv2d(valuesOf(x), valuesOf(filter), layout), conv2dOutputShape(layout), x.dtype)
  record('conv2d', [x, filter], out, attrs)
  return out
}
