import { allocate, roundTo } from '../dtype'
import type { DType, TypedArray } from '../dtype'

/**
 * `x` limited to [lo, hi] in one pass: max(min(x, hi), lo), so NaN stays NaN.
 * The bounds are first rounded to the dtype, as the scalars TF would make of them.
 */
export function clipKernel(x: TypedArray, lo: number, hi: number, dtype: DType): TypedArray {
  const low = roundTo(dtype, lo)
  const high = roundTo(dtype, hi)
  const out = allocate(dtype, x.length)
  // Math.min/max compile without branches, which random data would mispredict.
  for (let i = 0, n = x.length; i < n; i++) out[i] = Math.max(Math.min(x[i]!, high), low)
  return out
}
