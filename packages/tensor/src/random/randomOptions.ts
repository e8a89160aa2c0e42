import { DTypeError, describe } from '@gradstream/core'
import { isFloatDType } from '../dtype'

/**
 * The dtypes the TF1-compatible random ops produce.
 * @example randomNormal([2], { seed: 1, dtype: 'float64' }).dtype // 'float64'
 */
export type RandomDType = 'float32' | 'float64'

/** Storage of a {@link RandomDType} tensor. */
export type FloatStorage = Float32Array | Float64Array

/** Throws a DTypeError unless `dtype` is float32 or float64. */
export function checkRandomDType(fn: string, dtype: unknown): asserts dtype is RandomDType {
  if (!isFloatDType(dtype)) throw new DTypeError(fn, `dtype must be float32 or float64, got ${describe(dtype)}`)
}

/**
 * `values[i] * scale + shift` in place. In float32 storage this is TF1's two
 * float32 ops (`scale` and `shift` are first rounded to float32, as TF converts
 * them to float32 tensors); in float64 storage it is double arithmetic.
 */
export function scaleAndShift(values: FloatStorage, scale: number, shift: number): void {
  if (values instanceof Float32Array) {
    const scale32 = Math.fround(scale)
    const shift32 = Math.fround(shift)
    // Storing into a Float32Array rounds the sum, the second float32 op.
    for (let i = 0; i < values.length; i++) values[i] = Math.fround(values[i]! * scale32) + shift32
  } else {
    for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale + shift
  }
}
