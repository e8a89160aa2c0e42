import type { DType } from '../dtype'
import { binaryOp, unaryOp } from './elementwise'
import { BOOL } from './convert'

const ANY: readonly DType[] = ['float32', 'float64', 'int32', 'bool']

// Comparisons return bool tensors; any comparison with NaN is false except notEqual.

/** `a > b` elementwise. @example greater(tensor([1, 3]), 2).toArray() // [false, true] */
export const greater = binaryOp('greater', { dtypes: ANY, fn: (a, b) => +(a > b), outDType: 'bool' })

/** `a >= b` elementwise. */
export const greaterEqual = binaryOp('greaterEqual', { dtypes: ANY, fn: (a, b) => +(a >= b), outDType: 'bool' })

/** `a < b` elementwise. */
export const less = binaryOp('less', { dtypes: ANY, fn: (a, b) => +(a < b), outDType: 'bool' })

/** `a <= b` elementwise. */
export const lessEqual = binaryOp('lessEqual', { dtypes: ANY, fn: (a, b) => +(a <= b), outDType: 'bool' })

/** `a == b` elementwise. */
export const equal = binaryOp('equal', { dtypes: ANY, fn: (a, b) => +(a === b), outDType: 'bool' })

/** `a != b` elementwise. */
export const notEqual = binaryOp('notEqual', { dtypes: ANY, fn: (a, b) => +(a !== b), outDType: 'bool' })

/** Elementwise AND of two bool tensors. */
export const logicalAnd = binaryOp('logicalAnd', { dtypes: BOOL, fn: (a, b) => a & b })

/** Elementwise OR of two bool tensors. */
export const logicalOr = binaryOp('logicalOr', { dtypes: BOOL, fn: (a, b) => a | b })

/** Elementwise NOT of a bool tensor. @example logicalNot(tensor([true])).toArray() // [false] */
export const logicalNot = unaryOp('logicalNot', { dtypes: BOOL, fn: (x) => 1 - x })
