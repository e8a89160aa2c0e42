// TF1's float samplers over Philox words (core/lib/random/random_distributions.h),
// with every float32 operation rounded as the C++ code rounds it.

const floatView = new Float32Array(1)
const wordView = new Uint32Array(floatView.buffer)
const EPSILON = Math.fround(1e-7)
const TWO_PI = 2 * Math.PI

/** TF's `Uint32ToFloat`: the low 23 bits as the mantissa of a float in [1, 2), minus 1; exact, in [0, 1). */
export function uint32ToFloat(word: number): number {
  wordView[0] = 0x3f800000 | (word & 0x7fffff)
  return floatView[0]! - 1
}

/**
 * TF's `BoxMullerFloat`: two standard normal float32 values from two words,
 * written to `out[offset]` and `out[offset + 1]`. The angle is computed in double
 * (`2.0 * M_PI` is a double in C++) and then rounded; `logf`, `sqrtf`, `sinf`
 * and `cosf` are correctly rounded in glibc, which `Math.fround` of the double
 * function reproduces.
 */
export function boxMullerFloat(x0: number, x1: number, out: Float32Array, offset: number): void {
  let u1 = uint32ToFloat(x0)
  if (u1 < EPSILON) u1 = EPSILON
  const v1 = Math.fround(TWO_PI * uint32ToFloat(x1))
  const u2 = Math.fround(Math.sqrt(Math.fround(-2 * Math.fround(Math.log(u1)))))
  out[offset] = Math.fround(Math.sin(v1)) * u2
  out[offset + 1] = Math.fround(Math.cos(v1)) * u2
}
