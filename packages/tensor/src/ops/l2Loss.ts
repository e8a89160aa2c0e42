import { kernels } from '../kernels'
import { NO_ATTRS } from '../primitives'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkDTypeIn, checkTensor, FLOAT } from './argumentChecks'

/**
 * Half the sum of squares of all elements, `Σ x² / 2`, as a scalar of x's
 * dtype: TF1's `tf.nn.l2_loss`, one op instead of `sum(mul(square(x), 0.5))`
 * and bit for bit equal to it (a sequential fold from 0, rounded to float32
 * at every step on float32). The gradient is TF's L2LossGrad, `x · g`.
 * An empty tensor gives 0; NaN propagates.
 * @example l2Loss(tensor([[1, -2], [-3, 4]])).item() // 15
 */
export function l2Loss(x: Tensor): Tensor {
  checkTensor('l2Loss', 'x', x)
  checkDTypeIn('l2Loss', 'x', x, FLOAT)
  const out = fromKernel(kernels.l2Loss(valuesOf(x), x.dtype), [], x.dtype)
  record('l2Loss', [x], out, NO_ATTRS)
  return out
}
