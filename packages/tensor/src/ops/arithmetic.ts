import { binaryOp, unaryOp } from './elementwise'
import { FLOAT, NUMERIC } from './convert'

// Kernels compute in double and store into the output's typed array, which
// rounds once: for + - * / and sqrt that is the correctly rounded float32
// result, the same as float32 hardware arithmetic.

/** `a + b` elementwise, with broadcasting. @example add(tensor([1, 2]), 10).toArray() // [11, 12] */
export const add = binaryOp('add', { dtypes: NUMERIC, fn: (a, b) => a + b })

/** `a - b` elementwise, with broadcasting. @example sub(tensor([3]), tensor([1])).toArray() // [2] */
export const sub = binaryOp('sub', { dtypes: NUMERIC, fn: (a, b) => a - b })

/** `a * b` elementwise, with broadcasting. @example mul(tensor([1, 2]), tensor([3, 4])).toArray() // [3, 8] */
export const mul = binaryOp('mul', { dtypes: NUMERIC, fn: (a, b) => a * b, fnFor: { int32: Math.imul } })

/**
 * `a / b` elementwise, with broadcasting. On int32 it is floor division, as TensorFlow.js's `div`.
 * @example div(tensor([1, 2]), 2).toArray() // [0.5, 1]
 */
export const div = binaryOp('div', {
  dtypes: NUMERIC,
  fn: (a, b) => a / b,
  fnFor: { int32: (a, b) => Math.floor(a / b) },
})

// C's pow, as in TensorFlow and numpy: 1 ** y is 1 for every y, and (-1) ** ±Infinity is 1;
// JavaScript's Math.pow gives NaN for both.
const cPow = (a: number, b: number) => (a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b))

// int32 powers by repeated squaring with 32-bit products, so overflow wraps as
// in TensorFlow; Math.pow would lose the low bits past 2 ** 53.
function intPow(base: number, exponent: number): number {
  if (exponent < 0) return cPow(base, exponent) // a fraction for |base| > 1, truncated to 0 when stored
  let result = 1
  for (let e = exponent, square = base; e > 0; e >>>= 1, square = Math.imul(square, square)) {
    if (e & 1) result = Math.imul(result, square)
  }
  return result
}

/** `a ** b` elementwise, with broadcasting. @example pow(tensor([2, 3]), 2).toArray() // [4, 9] */
export const pow = binaryOp('pow', { dtypes: NUMERIC, fn: cPow, fnFor: { int32: intPow } })

/**
 * Elementwise larger value; NaN if either is NaN.
 * @example maximum(tensor([1, 5]), 3).toArray() // [3, 5]
 */
export const maximum = binaryOp('maximum', { dtypes: NUMERIC, fn: Math.max })

/**
 * Elementwise smaller value; NaN if either is NaN.
 * @example minimum(tensor([1, 5]), 3).toArray() // [1, 3]
 */
export const minimum = binaryOp('minimum', { dtypes: NUMERIC, fn: Math.min })

/** `-x`. @example neg(tensor([1, -2])).toArray() // [-1, 2] */
export const neg = unaryOp('neg', { dtypes: NUMERIC, fn: (x) => -x })

/** `x * x`. @example square(tensor([3])).toArray() // [9] */
export const square = unaryOp('square', { dtypes: NUMERIC, fn: (x) => x * x, fnFor: { int32: (x) => Math.imul(x, x) } })

/** Square root. @example sqrt(tensor([4])).toArray() // [2] */
export const sqrt = unaryOp('sqrt', { dtypes: FLOAT, fn: Math.sqrt })

/** `e ** x`, correctly rounded to float32. @example exp(tensor([0])).toArray() // [1] */
export const exp = unaryOp('exp', { dtypes: FLOAT, fn: Math.exp })

/** Natural logarithm, correctly rounded to float32. @example log(tensor([1])).toArray() // [0] */
export const log = unaryOp('log', { dtypes: FLOAT, fn: Math.log })

/** `log(1 + x)`, accurate near 0. @example log1p(tensor([0])).toArray() // [0] */
export const log1p = unaryOp('log1p', { dtypes: FLOAT, fn: Math.log1p })

/** Absolute value. @example abs(tensor([-2, 3])).toArray() // [2, 3] */
export const abs = unaryOp('abs', { dtypes: NUMERIC, fn: Math.abs })

/** -1, 0 or 1 by the sign of `x` (NaN stays NaN). @example sign(tensor([-2, 0, 3])).toArray() // [-1, 0, 1] */
export const sign = unaryOp('sign', { dtypes: NUMERIC, fn: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN) })
