import type { DType } from '../dtype'
import type { Tensor } from '../tensor'
import { broadcastShapes, checkElementCount } from '../shape'
import { div, square, sub } from './arithmetic'
import { checkDTypeIn, FLOAT, NUMERIC, unifyOperands } from './argumentChecks'
import type { Operand } from './argumentChecks'
import { equal } from './comparison'
import { unaryOp } from './elementwise'
import { where } from './where'

/**
 * `1 / x` (TF's `tf.reciprocal`; float dtypes), correctly rounded: `1 / 0` is inf, `1 / -0` is -inf. Gradient
 * `-g · y · y` from the output y, as TF's ReciprocalGrad.
 * @example reciprocal(tensor([2, -4])).toArray() // [0.5, -0.25]
 */
export const reciprocal = unaryOp('reciprocal', { dtypes: FLOAT })

/**
 * `1 / sqrt(x)` (TF's `tf.rsqrt`; float dtypes): inf at 0, -inf at -0, NaN below 0. Computed in double and
 * rounded once, so float32 results are correctly rounded except in rare double-rounding cases; TF1's CPU
 * kernel may use a refined hardware estimate that differs in the last bit (not checked). Gradient
 * `-0.5 · g · y³` from the output y, as TF's RsqrtGrad.
 * @example rsqrt(tensor([4, 0.25])).toArray() // [0.5, 2]
 */
export const rsqrt = unaryOp('rsqrt', { dtypes: FLOAT })

/**
 * `(a - b)²` elementwise, with broadcasting (TF's `tf.squared_difference`): the difference is rounded to the
 * dtype before it is squared, as TF computes it, and int32 products wrap. Built from `sub` and `square`, so
 * its gradient is TF's: `2 · g · (a - b)` for `a` and the negation for `b`.
 * @example squaredDifference(tensor([1, 5]), 3).toArray() // [4, 4]
 */
export function squaredDifference(a: Operand, b: Operand): Tensor {
  const [x, y] = elementwiseOperands('squaredDifference', a, b, NUMERIC)
  return square(sub(x, y))
}

/**
 * `a / b` elementwise with broadcasting, but 0 wherever `b` is 0, whatever `a` is (TF's `tf.div_no_nan`; float
 * dtypes). Its gradient is 0 there as well, as TF's: `g / b` for `a` and `g · (-a / b) / b` for `b` where `b`
 * is not 0. A NaN in `b` still gives NaN.
 * @example divNoNan(tensor([1, 1]), tensor([2, 0])).toArray() // [0.5, 0]
 */
export function divNoNan(a: Operand, b: Operand): Tensor {
  const [x, y] = elementwiseOperands('divNoNan', a, b, FLOAT)
  const zero = equal(y, 0)
  // Dividing by 1 where b is 0 keeps inf and NaN out of the discarded branch, and so out of its gradient.
  return where(zero, 0, div(x, where(zero, 1, y)))
}

/** The operands of a composite binary op as tensors of one dtype, checked under the op's own name. */
function elementwiseOperands(op: string, a: Operand, b: Operand, dtypes: readonly DType[]): [Tensor, Tensor] {
  const [x, y] = unifyOperands(op, ['a', 'b'], [a, b]) as [Tensor, Tensor]
  checkDTypeIn(op, 'a', x, dtypes)
  const shape = broadcastShapes(op, x.shape, y.shape)
  if (shape !== x.shape) checkElementCount(op, shape)
  return [x, y]
}
