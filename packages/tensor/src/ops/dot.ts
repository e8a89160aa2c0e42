import { DTypeError, ShapeError } from '../errors'
import { formatShape } from '../shape'
import type { Tensor } from '../tensor'
import { checkDTypeIn, checkTensor, NUMERIC } from './argumentChecks'
import { mul } from './arithmetic'
import { matMul } from './matMul'
import { reshape } from './reshape'

/** Throws unless `a` and `b` are tensors of one numeric dtype. */
function checkOperands(op: string, a: Tensor, b: Tensor): void {
  checkTensor(op, 'a', a)
  checkTensor(op, 'b', b)
  checkDTypeIn(op, 'a', a, NUMERIC)
  if (a.dtype !== b.dtype) throw new DTypeError(op, `dtypes differ: a is ${a.dtype}, b is ${b.dtype}`)
}

/**
 * Dot product of vectors and matrices, as tfjs's `tf.dot`: each operand has
 * rank 1 or 2, a vector being a row on the left and a column on the right
 * (see {@link matMul}). [k]·[k] is a scalar, [m, k]·[k] is [m], [k]·[k, n] is
 * [n] and [m, k]·[k, n] is [m, n]; each element is a sequential sum over k.
 *
 * @example dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item() // 32
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  checkOperands('dot', a, b)
  const shapes = `a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`
  if (a.rank < 1 || a.rank > 2 || b.rank < 1 || b.rank > 2) {
    throw new ShapeError('dot', `both operands must have rank 1 or 2: ${shapes}`)
  }
  if (a.shape[a.rank - 1] !== b.shape[0]) throw new ShapeError('dot', `inner dimensions differ: ${shapes}`)
  return matMul(a, b)
}

/**
 * Outer product of two vectors, `out[i][j] = a[i] · b[j]` with one rounding
 * per element (numpy's `outer`, TF's `tensordot(a, b, 0)`): [m] and [n] give [m, n].
 *
 * @example outer(tensor([1, 2]), tensor([3, 4, 5])).toArray() // [[3, 4, 5], [6, 8, 10]]
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  checkOperands('outer', a, b)
  if (a.rank !== 1 || b.rank !== 1) {
    throw new ShapeError(
      'outer',
      `both operands must be vectors: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`,
    )
  }
  return mul(reshape(a, [a.size, 1]), reshape(b, [1, b.size]))
}
