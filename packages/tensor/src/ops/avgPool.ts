import { kernels } from '../kernels'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkPoolInput, poolAttrs, poolLayout, pooledShape } from './poolWindow'
import type { PoolOptions } from './poolWindow'

/**
 * Average pooling over NHWC input `x` [batch, height, width, channels]
 * (float32 or float64): the mean of each `ksize` window, windows `strides`
 * apart, per channel. TF1's `tf.nn.avg_pool` with TF's window geometry.
 *
 * Under 'SAME' a window is divided by the number of its real elements only,
 * as TF does: the padding neither adds nor counts. As TF1's CPU kernel, each
 * mean is a sequential sum in the window's row-major order, rounded to the
 * dtype at every step, divided by the count. Its gradient is
 * {@link avgPoolGrad}.
 *
 * @example
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])
 * avgPool(x, { ksize: 2, padding: 'SAME' }).toFlatArray() // [3, 4.5, 7.5, 9]
 */
export function avgPool(x: Tensor, options: PoolOptions): Tensor {
  checkPoolInput('avgPool', 'x', x)
  const attrs = poolAttrs('avgPool', options)
  const layout = poolLayout('avgPool', x.shape, attrs)
  const out = fromKernel(kernels.avgPool(valuesOf(x), layout, x.dtype), pooledShape(layout), x.dtype)
  record('avgPool', [x], out, attrs)
  return out
}
