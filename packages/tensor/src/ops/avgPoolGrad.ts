import { ShapeError } from '../errors'
import { kernels } from '../kernels'
import { checkShape, formatShape, shapesEqual } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkPoolInput, checkRank4, poolAttrs, poolLayout, pooledShape } from './poolWindow'
import type { PoolOptions } from './poolWindow'

/**
 * The gradient of {@link avgPool} with respect to its input, TF1's
 * AvgPoolGrad: `dy` (the gradient of the pooled output) shared evenly among
 * the real elements of each window, overlapping windows adding up; a tensor
 * of `inputShape`. Same options as the forward pooling. As TF1's CPU kernel,
 * each share is `dy · (1 / count)` with the reciprocal rounded to the dtype,
 * added windows in output order. It is avgPool's exact adjoint, so its own
 * gradient is avgPool. (TF1's kernel clips a window to the input in its own
 * way, which as far as we can tell differs only for a window larger than the
 * input under 'SAME'; gradstream keeps the exact adjoint there too.)
 *
 * @example
 * const dy = tensor([4], [1, 1, 1, 1])
 * avgPoolGrad([1, 2, 2, 1], dy, { ksize: 2 }).toFlatArray() // [1, 1, 1, 1]
 */
export function avgPoolGrad(inputShape: readonly number[], dy: Tensor, options: PoolOptions): Tensor {
  checkShape('avgPoolGrad', inputShape)
  checkRank4('avgPoolGrad', 'inputShape', inputShape)
  checkPoolInput('avgPoolGrad', 'dy', dy)
  const attrs = poolAttrs('avgPoolGrad', options)
  const layout = poolLayout('avgPoolGrad', inputShape, attrs)
  const expected = pooledShape(layout)
  if (!shapesEqual(dy.shape, expected)) {
    throw new ShapeError(
      'avgPoolGrad',
      `dy must have the pooled shape ${formatShape(expected)} of an input ${formatShape(inputShape)}, got ${formatShape(dy.shape)}`,
    )
  }
  const shape = [...inputShape]
  const out = fromKernel(kernels.avgPoolGrad(valuesOf(dy), layout, dy.dtype), shape, dy.dtype)
  record('avgPoolGrad', [dy], out, { ...attrs, inputShape: shape })
  return out
}
