import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from '@gradstream/tensor'
import type { Conv2DAttrs, Conv2DOptions } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

// TF1's _Conv2DGrad, _Conv2DBackpropInputGrad and _Conv2DBackpropFilterGrad:
// each of the three primitives' gradients is made of the three, so gradients
// of any order stay convolutions. A gradient not `needed` (the input of a
// data batch) is never computed.

/** The options that reproduce a recorded convolution, without its shape attributes. */
const optionsOf = ({ strides, padding, dilations }: Conv2DAttrs): Conv2DOptions => ({ strides, padding, dilations })

export const conv2dVjp: VjpRule<'conv2d'> = (g, [x, filter], _y, attrs, needed) => [
  needed[0] ? conv2dBackpropInput(x.shape, filter, g, optionsOf(attrs)) : null,
  needed[1] ? conv2dBackpropFilter(x, filter.shape, g, optionsOf(attrs)) : null,
]

// Conv2DBackpropInput is linear in filter and in dy: its transpose in dy is conv2d.
export const conv2dBackpropInputVjp: VjpRule<'conv2dBackpropInput'> = (g, [filter, dy], _y, attrs, needed) => [
  needed[0] ? conv2dBackpropFilter(g, filter.shape, dy, optionsOf(attrs)) : null,
  needed[1] ? conv2d(g, filter, optionsOf(attrs)) : null,
]

export const conv2dBackpropFilterVjp: VjpRule<'conv2dBackpropFilter'> = (g, [x, dy], _y, attrs, needed) => [
  needed[0] ? conv2dBackpropInput(x.shape, g, dy, optionsOf(attrs)) : null,
  needed[1] ? conv2d(x, g, optionsOf(attrs)) : null,
]
