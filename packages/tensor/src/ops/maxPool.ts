import { kernels } from '../kernels'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkPoolInput, poolAttrs, poolLayout, pooledShape } from './poolWindow'
import type { PoolOptions } from './poolWindow'

/**
 * Max pooling over NHWC input `x` [batch, height, width, channels] (float32
 * or float64): the largest element of each `ksize` window, windows `strides`
 * apart, per channel. TF1's `tf.nn.max_pool` with TF's window geometry
 * ('SAME' pads `ceil(size / stride)` windows, the odd padding after).
 *
 * Padding never wins: under 'SAME' it acts as -Infinity, never as a zero.
 * The gradient goes to one element per window, the one TF1's CPU MaxPoolGrad
 * picks: the first maximum in the window's row-major order (smallest row,
 * then smallest column); overlapping windows add up. A NaN in a window
 * wins, as in gradstream's `max`: the output is NaN and the first NaN gets
 * the gradient (TF1's own kernels differ among themselves on NaN). A window
 * holding only -Infinity gives -Infinity (TF1's MaxPool kernel starts its
 * scan at the lowest finite float and would give -3.4028235e38 there, as far
 * as we know; gradstream gives the window's true maximum). The gradient is
 * {@link maxPoolGrad} at the maxima this call found.
 *
 * @example
 * const x = tensor([1, 5, 2, 0, 3, 4, 7, 1, 6, 8, 2, 9, 0, 3, 1, 2], [1, 4, 4, 1])
 * maxPool(x, { ksize: 2 }).toFlatArray() // [5, 7, 8, 9]
 */
export function maxPool(x: Tensor, options: PoolOptions): Tensor {
  checkPoolInput('maxPool', 'x', x)
  const attrs = poolAttrs('maxPool', options)
  const layout = poolLayout('maxPool', x.shape, attrs)
  const { values, argmax } = kernels.maxPool(valuesOf(x), layout)
  const out = fromKernel(values, pooledShape(layout), x.dtype)
  record('maxPool', [x], out, { ...attrs, argmax: fromKernel(argmax, out.shape, 'int32') })
  return out
}
