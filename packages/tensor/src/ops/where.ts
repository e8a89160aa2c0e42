import { DTypeError } from '../errors'
import { NO_ATTRS } from '../primitives'
import { broadcastShapes, checkElementCount } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { kernels } from '../kernels'
import { checkTensor, unifyPair } from './argumentChecks'
import type { Operand } from './argumentChecks'

/**
 * Picks `a` where `condition` is true and `b` elsewhere, all three broadcast
 * together (numpy's `where`; TF1's `tf.where` with three arguments). No
 * gradient flows to `condition`.
 * @example where(tensor([true, false]), tensor([1, 2]), tensor([3, 4])).toArray() // [1, 4]
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  checkTensor('where', 'condition', condition)
  if (condition.dtype !== 'bool') {
    throw new DTypeError('where', `condition must have dtype bool, got ${condition.dtype}`)
  }
  const [x, y] = unifyPair('where', a, b)
  const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, x.shape), y.shape)
  checkElementCount('where', shape)
  const layout = { conditionShape: condition.shape, aShape: x.shape, bShape: y.shape, outShape: shape }
  const values = kernels.select(valuesOf(condition), valuesOf(x), valuesOf(y), layout, x.dtype)
  const out = fromKernel(values, shape, x.dtype)
  record('where', [condition, x, y], out, NO_ATTRS)
  return out
}
