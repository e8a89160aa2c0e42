import { ConfigError, DTypeError, describe } from '@gradstream/core'
import { DTYPES, allocate, isFloatDType, roundTo } from '../dtype'
import type { DType } from '../dtype'
import { TENSOR_BRAND, Tensor, fromKernel } from '../tensor'

// The checks every op makes on its arguments. Error classes: a value that is
// not a Tensor, or a tensor of a dtype the op does not take, is a DTypeError;
// a list argument that is not an array or is empty is a ConfigError.

/** What ops accept where a tensor goes: a tensor, or a number that takes its partner's dtype. */
export type Operand = Tensor | number

/**
 * Throws a DTypeError unless `x` is a Tensor, naming the argument and the op
 * (as tfjs does). A tensor made by another loaded copy of `@gradstream/tensor`
 * (its other build, or another version) is one too; the message names the
 * case of a branded value this copy cannot read (a copy without `dataSync`).
 * Public for packages that build functions on tensors.
 * @example checkTensor('myLoss', 'labels', [1, 2]) // DTypeError: myLoss: argument 'labels' must be a Tensor, got an array
 */
export function checkTensor(op: string, name: string, x: unknown): asserts x is Tensor {
  if (isOwnTensor(x) || x instanceof Tensor) return
  if (typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[TENSOR_BRAND] === true) {
    throw new DTypeError(
      op,
      `argument '${name}' is a Tensor from another copy of @gradstream/tensor; two copies are loaded, so make every package resolve the same one`,
    )
  }
  throw new DTypeError(op, `argument '${name}' must be a Tensor, got ${describe(x)}`)
}

/**
 * True for a tensor of this copy of the package, by its prototype, where `instanceof` runs Tensor's own
 * `Symbol.hasInstance` (which also knows other copies' tensors). Every value it accepts, `instanceof
 * Tensor` accepts too. Loading `constructor` first lets the engine know the object's layout, and so its
 * prototype, without a call (about 15 against 40 ns, and 60 for `instanceof`).
 */
function isOwnTensor(x: unknown): x is Tensor {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as { readonly constructor?: unknown }).constructor === Tensor &&
    Object.getPrototypeOf(x) === Tensor.prototype
  )
}

const PAIR_NAMES: readonly string[] = ['a', 'b']

/**
 * {@link unifyOperands} for a binary op's operands `a` and `b`: two tensors of one dtype of this copy
 * of the package, or one of them and a number, are unified without building the lists the general rule
 * takes.
 */
export function unifyPair(op: string, a: Operand, b: Operand): readonly [Tensor, Tensor] {
  if (isOwnTensor(a)) {
    if (isOwnTensor(b) && a.dtype === b.dtype) return [a, b]
    if (typeof b === 'number') return [a, numberOperand(op, 'b', b, a.dtype)]
  } else if (typeof a === 'number' && isOwnTensor(b)) {
    return [numberOperand(op, 'a', a, b.dtype), b]
  }
  return unifyOperands(op, PAIR_NAMES, [a, b]) as [Tensor, Tensor]
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

function numberOperand(op: string, name: string, x: number, dtype: DType): Tensor {
  checkHolds(op, name, x, dtype)
  const storage = allocate(dtype, 1)
  storage[0] = roundTo(dtype, x)
  return fromKernel(storage, [], dtype)
}

/**
 * The error for a number that int32 cannot hold exactly (a fraction, NaN, or
 * outside [-2³¹, 2³¹)): storing it would truncate or wrap it without a word,
 * and TF refuses it too. `what` names the value: `values[1][0]`, `b`, `onValue`.
 */
export function notInt32Error(op: string, what: string, x: number): DTypeError {
  return new DTypeError(
    op,
    `${what} is ${x}, which int32 cannot hold exactly; use a float dtype, or cast() to truncate`,
  )
}

/** Throws unless a tensor of `dtype` holds `x` exactly: only int32 can fail. */
export function checkHolds(op: string, what: string, x: number, dtype: DType): void {
  if (dtype === 'int32' && x !== (x | 0)) throw notInt32Error(op, what, x)
}

/** Throws unless `x` has one of the `allowed` dtypes. */
export function checkDTypeIn(op: string, name: string, x: Tensor, allowed: readonly DType[]): void {
  if (!allowed.includes(x.dtype)) {
    throw new DTypeError(op, `${name} must have dtype ${allowed.join(' or ')}, got ${x.dtype}`)
  }
}

/**
 * Throws a DTypeError unless `x` is a float32 or float64 Tensor.
 * @example checkFloatTensor('myLoss', 'labels', tensor([1], undefined, 'int32')) // DTypeError: myLoss: labels must have dtype float32 or float64, got int32
 */
export function checkFloatTensor(op: string, name: string, x: unknown): asserts x is Tensor {
  checkTensor(op, name, x)
  checkDTypeIn(op, name, x, FLOAT)
}

export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32']
export const FLOAT: readonly DType[] = DTYPES.filter(isFloatDType)
export const BOOL: readonly DType[] = ['bool']

/** Throws unless `tensors` is a non-empty array of tensors: ConfigError for the list, DTypeError for an element. */
export function checkTensorList(op: string, tensors: readonly Tensor[]): void {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    const got = Array.isArray(tensors) ? 'an empty array' : describe(tensors)
    throw new ConfigError(op, `argument 'tensors' must be a non-empty array of Tensors, got ${got}`)
  }
  tensors.forEach((t: unknown, i) => checkTensor(op, `tensors[${i}]`, t))
}
