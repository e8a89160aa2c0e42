import { kernels } from '../kernels'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import {
  checkFloatPair,
  checkGradientShape,
  checkInputShape,
  checkShapeArgument,
  conv2dAttrs,
  conv2dLayout,
} from './conv2dGeometry'
import type { Conv2DOptions } from './conv2dGeometry'

const FN = 'conv2dBackpropFilter'
const NAMES = { input: 'x', filter: 'filterShape' }

/**
 * TF1's Conv2DBackpropFilter: the gradient of `conv2d(x, filter, options)`
 * with respect to a filter of shape `filterShape`, given the gradient `dy`
 * of its output:
 *
 *   grad[kh, kw, c, o] = Σ_{b, i, j} x[b, i·sh + kh·dh − padTop, j·sw + kw·dw − padLeft, c] · dy[b, i, j, o]
 *
 * It is im2colᵀ · dy, as TF1's CPU kernel computes it: float32 sums run in
 * order from 0 over the output positions (b, i, j), rounding after every
 * product and sum.
 *
 * @example
 * const x = tensor([1, 2, 3, 4], [1, 2, 2, 1])
 * conv2dBackpropFilter(x, [1, 1, 1, 1], ones([1, 2, 2, 1])).toFlatArray() // [10]
 */
export function conv2dBackpropFilter(
  x: Tensor,
  filterShape: readonly number[],
  dy: Tensor,
  options: Conv2DOptions = {},
): Tensor {
  checkFloatPair(FN, ['x', x], ['dy', dy])
  const attrs = conv2dAttrs(FN, options)
  checkInputShape(FN, 'x', x.shape)
  checkShapeArgument(FN, 'filterShape', filterShape, 'filter')
  const layout = conv2dLayout(FN, NAMES, x.shape, filterShape, attrs)
  checkGradientShape(FN, 'dy', dy, layout, NAMES)
  const shape = Object.freeze(filterShape.slice())
  const out = fromKernel(kernels.conv2dBackpropFilter(valuesOf(x), valuesOf(dy), layout), shape, x.dtype)
  record(FN, [x, dy], out, { ...attrs, filterShape: shape })
  return out
}
