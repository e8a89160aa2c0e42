import { binaryOp, unaryOp } from './elementwise'
import { FLOAT, NUMERIC } from './argumentChecks'

// The arithmetic lives in the kernels (kernels/binaryLoops.ts, kernels/unary.ts):
// computed in double and rounded once by the store into the output's typed
// array, which for + - * / and sqrt is the correctly rounded float32 result.

/** `a + b` elementwise, with broadcasting. @example add(tensor([1, 2]), 10).toArray() // [11, 12] */
export const add = binaryOp('add', { dtypes: NUMERIC })

/** `a - b` elementwise, with broadcasting. @example sub(tensor([3]), tensor([1])).toArray() // [2] */
export const sub = binaryOp('sub', { dtypes: NUMERIC })

/** `a * b` elementwise, with broadcasting. @example mul(tensor([1, 2]), tensor([3, 4])).toArray() // [3, 8] */
export const mul = binaryOp('mul', { dtypes: NUMERIC, kernelFor: { int32: 'mulInt32' } })

/**
 * `a / b` elementwise, with broadcasting. On int32 it is floor division, as TensorFlow.js's `div`.
 * @example div(tensor([1, 2]), 2).toArray() // [0.5, 1]
 */
export const div = binaryOp('div', { dtypes: NUMERIC, kernelFor: { int32: 'floorDivInt32' } })

/** `a ** b` elementwise, with broadcasting. @example pow(tensor([2, 3]), 2).toArray() // [4, 9] */
export const pow = binaryOp('pow', { dtypes: NUMERIC, kernelFor: { int32: 'powInt32' } })

/**
 * Elementwise larger value; NaN if either is NaN.
 * @example maximum(tensor([1, 5]), 3).toArray() // [3, 5]
 */
export const maximum = binaryOp('maximum', { dtypes: NUMERIC })

/**
 * Elementwise smaller value; NaN if either is NaN.
 * @example minimum(tensor([1, 5]), 3).toArray() // [1, 3]
 */
export const minimum = binaryOp('minimum', { dtypes: NUMERIC })

/** `-x`. @example neg(tensor([1, -2])).toArray() // [-1, 2] */
export const neg = unaryOp('neg', { dtypes: NUMERIC })

/** `x * x`. @example square(tensor([3])).toArray() // [9] */
export const square = unaryOp('square', { dtypes: NUMERIC, kernelFor: { int32: 'squareInt32' } })

/** Square root. @example sqrt(tensor([4])).toArray() // [2] */
export const sqrt = unaryOp('sqrt', { dtypes: FLOAT })

/** `e ** x`, correctly rounded to float32. @example exp(tensor([0])).toArray() // [1] */
export const exp = unaryOp('exp', { dtypes: FLOAT })

/** Natural logarithm, correctly rounded to float32. @example log(tensor([1])).toArray() // [0] */
export const log = unaryOp('log', { dtypes: FLOAT })

/** `log(1 + x)`, accurate near 0. @example log1p(tensor([0])).toArray() // [0] */
export const log1p = unaryOp('log1p', { dtypes: FLOAT })

/** Absolute value. @example abs(tensor([-2, 3])).toArray() // [2, 3] */
export const abs = unaryOp('abs', { dtypes: NUMERIC })

/** -1, 0 or 1 by the sign of `x` (NaN stays NaN). @example sign(tensor([-2, 0, 3])).toArray() // [-1, 0, 1] */
export const sign = unaryOp('sign', { dtypes: NUMERIC })
