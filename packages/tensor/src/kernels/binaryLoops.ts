import type { TypedArray } from '../dtype'

/**
 * Fills `out[o .. o + len)` from `a` and `b` read from `ia` and `ib` with
 * steps `sa` and `sb` (0 repeats one element, 1 walks a row).
 */
export type BinaryLoop = (
  out: TypedArray,
  o: number,
  len: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
) => void

// C's pow, as in TensorFlow and numpy: 1 ** y is 1 for every y, and (-1) ** ±Infinity is 1;
// JavaScript's Math.pow gives NaN for both.
function cPow(a: number, b: number): number {
  return a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b)
}

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

// One loop per op, each with its arithmetic written inline, so every loop
// stays monomorphic and the engine compiles the operation into it; a shared
// loop calling a scalar function per element costs several times more. Each
// op has a second copy of its loop for a repeated right operand (x + 1,
// a column broadcast), which reads it once: about a third faster.
// Values are computed in double and rounded once by the store into the
// output's typed array: for + - * / that is the correctly rounded float32
// result, the same as float32 hardware arithmetic.
export const BINARY_LOOPS = {
  add: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! + y
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! + b[ib]!
    }
  },
  sub: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! - y
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! - b[ib]!
    }
  },
  mul: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! * y
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! * b[ib]!
    }
  },
  mulInt32: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = Math.imul(a[ia]!, y)
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = Math.imul(a[ia]!, b[ib]!)
    }
  },
  div: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! / y
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! / b[ib]!
    }
  },
  // Floor division on int32, as TensorFlow.js's div; x / 0 stores as 0.
  floorDivInt32: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = Math.floor(a[ia]! / y)
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = Math.floor(a[ia]! / b[ib]!)
    }
  },
  // floor(a / b) on floats, as TF's FloorDiv. The float32 quotient is rounded before the floor, as float32
  // hardware rounds it: floor of the double quotient would give 2 where float32 division gives exactly 3.
  floorDiv: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = Math.floor(a[ia]! / b[ib]!)
  },
  floorDivFloat32: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = Math.floor(Math.fround(a[ia]! / b[ib]!))
  },
  // TF1's FloorMod (google_floor_fmod and google_floor_mod): the truncated remainder where the operands' signs
  // agree, else (remainder + b) mod b, so the result takes b's sign. JavaScript's % is C's fmod, exact.
  mod: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) {
      const x = a[ia]!
      const y = b[ib]!
      const remainder = x % y
      out[o] = x < 0 === y < 0 ? remainder : (remainder + y) % y
    }
  },
  // The same with remainder + b rounded to float32 before the second fmod, as TF computes it.
  modFloat32: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) {
      const x = a[ia]!
      const y = b[ib]!
      const remainder = x % y
      out[o] = x < 0 === y < 0 ? remainder : Math.fround(remainder + y) % y
    }
  },
  // TF's Atan2(y = a, x = b): the angle of the point (b, a), in (-pi, pi].
  atan2: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = Math.atan2(a[ia]!, b[ib]!)
  },
  pow: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      // Squares (the mean squared error's pow(d, 2)) and its gradient's pow(d, 1): Math.pow gives exactly
      // x * x and x there, but at several times the cost.
      if (y === 2) for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! * a[ia]!
      else if (y === 1) for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]!
      else for (const end = o + len; o < end; o++, ia += sa) out[o] = cPow(a[ia]!, y)
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = cPow(a[ia]!, b[ib]!)
    }
  },
  powInt32: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = intPow(a[ia]!, y)
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = intPow(a[ia]!, b[ib]!)
    }
  },
  // elu's gradient from dy (a) and elu's output y (b), as TF's EluGrad: dy * (y + 1) where y < 0, else dy.
  eluGrad: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) {
      const y = b[ib]!
      out[o] = y < 0 ? a[ia]! * (y + 1) : a[ia]!
    }
  },
  // The same in float32: y + 1 is rounded before the product, as TF computes it.
  eluGradFloat32: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) {
      const y = b[ib]!
      out[o] = y < 0 ? a[ia]! * Math.fround(y + 1) : a[ia]!
    }
  },
  // relu's gradient from dy (a) and relu's output y (b), TF's ReluGrad: 0 where y <= 0, dy elsewhere (a NaN y
  // passes dy, as the where() relu was built from did).
  reluGrad: (out, o, len, a, ia, sa, b, ib, sb) => {
    for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = b[ib]! <= 0 ? 0 : a[ia]!
  },
  // Math.max and Math.min return NaN if either operand is NaN, as TensorFlow does.
  maximum: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = Math.max(a[ia]!, y)
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = Math.max(a[ia]!, b[ib]!)
    }
  },
  minimum: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = Math.min(a[ia]!, y)
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = Math.min(a[ia]!, b[ib]!)
    }
  },
  // Comparisons write 1 or 0 into bool storage; any comparison with NaN is false except notEqual.
  greater: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! > y ? 1 : 0
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! > b[ib]! ? 1 : 0
    }
  },
  greaterEqual: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! >= y ? 1 : 0
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! >= b[ib]! ? 1 : 0
    }
  },
  less: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! < y ? 1 : 0
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! < b[ib]! ? 1 : 0
    }
  },
  lessEqual: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! <= y ? 1 : 0
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! <= b[ib]! ? 1 : 0
    }
  },
  equal: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! === y ? 1 : 0
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! === b[ib]! ? 1 : 0
    }
  },
  notEqual: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! !== y ? 1 : 0
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! !== b[ib]! ? 1 : 0
    }
  },
  logicalAnd: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! & y
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! & b[ib]!
    }
  },
  logicalOr: (out, o, len, a, ia, sa, b, ib, sb) => {
    if (sb === 0) {
      const y = b[ib]!
      for (const end = o + len; o < end; o++, ia += sa) out[o] = a[ia]! | y
    } else {
      for (const end = o + len; o < end; o++, ia += sa, ib += sb) out[o] = a[ia]! | b[ib]!
    }
  },
} satisfies Record<string, BinaryLoop>

/** The binary operations the kernels implement; dtype-specific variants carry the dtype in their name. */
export type BinaryKernelOp = keyof typeof BINARY_LOOPS
