import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'

// Each loop folds sequentially from 0 in storage order, as TF1's L2Loss
// kernel and reduce's sum do. Kept per dtype so each one stays monomorphic.

/** float32: the square, the half and every partial sum rounded to float32, as square, mul and sum would. */
function l2LossFloat32(x: TypedArray): number {
  let acc = 0
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i]!
    acc = Math.fround(acc + Math.fround(Math.fround(v * v) * 0.5))
  }
  return acc
}

/** float64: the same fold in doubles. */
function l2LossFloat64(x: TypedArray): number {
  let acc = 0
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i]!
    acc += v * v * 0.5
  }
  return acc
}

/**
 * `Σ x² / 2` over all of `x` into one element of `dtype` (float32 or
 * float64; the op checks), equal bit for bit to `sum(mul(square(x), 0.5))`.
 */
export function l2LossKernel(x: TypedArray, dtype: DType): TypedArray {
  const out = allocate(dtype, 1)
  out[0] = dtype === 'float32' ? l2LossFloat32(x) : l2LossFloat64(x)
  return out
}
