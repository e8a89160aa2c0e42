import { isFloatDType } from '../dtype'
import type { DType } from '../dtype'
import { DTypeError } from '../errors'
import { scalar } from '../creation'
import { Tensor } from '../tensor'

/** What ops accept where a tensor goes: a tensor, or a number that takes its partner's dtype. */
export type Operand = Tensor | number

/** Throws unless `x` is a Tensor, naming the argument and the op (as tfjs does). */
export function checkTensor(op: string, name: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x
    throw new DTypeError(op, `argument '${name}' must be a Tensor, got ${got}`)
  }
}

/**
 * Turns operands into tensors of one dtype. The rule: tensors must share a
 * dtype (there is no implicit promotion between tensors, as in TensorFlow);
 * a plain number becomes a scalar of the tensors' dtype (float32 if none).
 */
export function unifyOperands(op: string, names: readonly string[], operands: readonly Operand[]): Tensor[] {
  // Plain loops: every elementwise op comes through here.
  let dtype: DType | undefined
  let dtypeFrom = ''
  for (let i = 0; i < operands.length; i++) {
    const x = operands[i]
    if (typeof x === 'number') continue
    checkTensor(op, names[i]!, x)
    if (dtype === undefined) {
      dtype = x.dtype
      dtypeFrom = names[i]!
    } else if (x.dtype !== dtype) {
      throw new DTypeError(op, `dtypes differ: ${dtypeFrom} is ${dtype}, ${names[i]} is ${x.dtype}; cast one first`)
    }
  }
  const tensors = new Array<Tensor>(operands.length)
  for (let i = 0; i < operands.length; i++) {
    const x = operands[i]!
    tensors[i] = typeof x === 'number' ? numberOperand(op, names[i]!, x, dtype ?? 'float32') : x
  }
  return tensors
}

// A number that int32 cannot hold exactly would be truncated or wrapped without a word; TF refuses it too.
function numberOperand(op: string, name: string, x: number, dtype: DType): Tensor {
  if (dtype === 'int32' && x !== (x | 0)) {
    throw new DTypeError(op, `${name} is ${x}, which int32 cannot hold; cast the tensor to a float dtype first`)
  }
  return scalar(x, dtype)
}

/** Throws unless `x` has one of the `allowed` dtypes. */
export function checkDTypeIn(op: string, name: string, x: Tensor, allowed: readonly DType[]): void {
  if (!allowed.includes(x.dtype)) {
    throw new DTypeError(op, `${name} must have dtype ${allowed.join(' or ')}, got ${x.dtype}`)
  }
}

export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32']
export const FLOAT: readonly DType[] = ['float32', 'float64']
export const BOOL: readonly DType[] = ['bool']

export { isFloatDType }

/** Throws unless `tensors` is a non-empty array of tensors. */
export function checkTensorList(op: string, tensors: readonly Tensor[]): void {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new DTypeError(op, `argument 'tensors' must be a non-empty array of Tensors`)
  }
  tensors.forEach((t: unknown, i) => checkTensor(op, `tensors[${i}]`, t))
}
