import { kernels } from '../kernels'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import {
  checkFilterShape,
  checkFloatPair,
  checkGradientShape,
  checkShapeArgument,
  conv2dAttrs,
  conv2dLayout,
} from './conv2dGeometry'
import type { Conv2DOptions } from './conv2dGeometry'

/** The names a caller gives the arguments of Conv2DBackpropInput in its messages. */
export interface BackpropInputNames {
  readonly fn: string
  readonly inputShape: string
  readonly dy: string
}

/** Conv2DBackpropInput under the caller's name (conv2dTranspose is this op with other names). */
export function backpropInput(
  names: BackpropInputNames,
  inputShape: readonly number[],
  filter: Tensor,
  dy: Tensor,
  options: Conv2DOptions,
): Tensor {
  const { fn } = names
  checkFloatPair(fn, ['filter', filter], [names.dy, dy])
  const attrs = conv2dAttrs(fn, options)
  checkShapeArgument(fn, names.inputShape, inputShape, 'input')
  checkFilterShape(fn, 'filter', filter.shape)
  const convNames = { input: names.inputShape, filter: 'filter' }
  const layout = conv2dLayout(fn, convNames, inputShape, filter.shape, attrs)
  checkGradientShape(fn, names.dy, dy, layout, convNames)
  const shape = Object.freeze(inputShape.slice())
  const out = fromKernel(kernels.conv2dBackpropInput(valuesOf(filter), valuesOf(dy), layout), shape, filter.dtype)
  record('conv2dBackpropInput', [filter, dy], out, { ...attrs, inputShape: shape })
  return out
}

const NAMES: BackpropInputNames = { fn: 'conv2dBackpropInput', inputShape: 'inputShape', dy: 'dy' }

/**
 * TF1's Conv2DBackpropInput: the gradient of `conv2d(x, filter, options)`
 * with respect to an `x` of shape `inputShape`, given the gradient `dy` of
 * its output:
 *
 *   grad[b, h, w, c] = Σ over the windows covering (h, w) of Σ_o dy[b, i, j, o] · filter[kh, kw, c, o]
 *
 * As TF1's CPU kernel: dy · filterᵀ, then col2im. In float32 each inner sum
 * runs over o from 0, and each element adds its windows' sums in (i, j)
 * order, rounding after every product and sum.
 *
 * @example
 * conv2dBackpropInput([1, 2, 2, 1], ones([2, 2, 1, 1]), ones([1, 1, 1, 1])).toFlatArray() // [1, 1, 1, 1]
 */
export function conv2dBackpropInput(
  inputShape: readonly number[],
  filter: Tensor,
  dy: Tensor,
  options: Conv2DOptions = {},
): Tensor {
  return backpropInput(NAMES, inputShape, filter, dy, options)
}
