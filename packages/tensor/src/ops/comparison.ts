import type { DType } from '../dtype'
import { binaryOp, unaryOp } from './elementwise'
import { BOOL } from './argumentChecks'

const ANY: readonly DType[] = ['float32', 'float64', 'int32', 'bool']

// Comparisons return bool tensors; any comparison with NaN is false except notEqual.

/** `a > b` elementwise. @example greater(tensor([1, 3]), 2).toArray() // [false, true] */
export const greater = binaryOp('greater', { dtypes: ANY, outDType: 'bool' })

/** `a >= b` elementwise. */
export const greaterEqual = binaryOp('greaterEqual', { dtypes: ANY, outDType: 'bool' })

/** `a < b` elementwise. */
export const less = binaryOp('less', { dtypes: ANY, outDType: 'bool' })

/** `a <= b` elementwise. */
export const lessEqual = binaryOp('lessEqual', { dtypes: ANY, outDType: 'bool' })

/** `a == b` elementwise. */
export const equal = binaryOp('equal', { dtypes: ANY, outDType: 'bool' })

/** `a != b` elementwise. */
export const notEqual = binaryOp('notEqual', { dtypes: ANY, outDType: 'bool' })

/** Elementwise AND of two bool tensors. */
export const logicalAnd = binaryOp('logicalAnd', { dtypes: BOOL })

/** Elementwise OR of two bool tensors. */
export const logicalOr = binaryOp('logicalOr', { dtypes: BOOL })

/** Elementwise NOT of a bool tensor. @example logicalNot(tensor([true])).toArray() // [false] */
export const logicalNot = unaryOp('logicalNot', { dtypes: BOOL })
