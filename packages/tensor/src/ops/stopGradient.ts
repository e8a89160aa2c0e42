import { NO_ATTRS } from '../primitives'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensor } from './argumentChecks'

/**
 * The same values as `x`, but gradients do not flow back through it
 * (JAX's `lax.stop_gradient`, TF's `tf.stop_gradient`).
 * @example stopGradient(tensor([1])).toArray() // [1]
 */
export function stopGradient(x: Tensor): Tensor {
  checkTensor('stopGradient', 'x', x)
  // Tensors are immutable, so the new tensor may share storage with x.
  const out = fromKernel(valuesOf(x), x.shape, x.dtype)
  record('stopGradient', [x], out, NO_ATTRS)
  return out
}
