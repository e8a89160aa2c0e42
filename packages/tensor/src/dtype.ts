import { DTypeError, describe } from '@gradstream/core'
import type { DType, DTypeStorage, TypedArray } from './dtypeStorage'
import { tensorStorage } from './storage/tensorStorage'

export type { DType, DTypeStorage, TypedArray } from './dtypeStorage'

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool']

export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value)
}

/**
 * Whether `dtype` is a floating-point dtype, the one test for "float" in
 * gradstream (gradients, optimizers, EMA and random draws need one).
 * @example isFloatDType(tensor([1]).dtype) // true; isFloatDType('int32') // false
 */
export function isFloatDType(dtype: unknown): dtype is 'float32' | 'float64' {
  return dtype === 'float32' || dtype === 'float64'
}

/** Throws a DTypeError unless `dtype` names a dtype. */
export function checkDType(fn: string, dtype: unknown): asserts dtype is DType {
  if (!isDType(dtype)) throw new DTypeError(fn, `unknown dtype ${describe(dtype)}`)
}

/**
 * Allocates zeroed storage for `size` elements of `dtype`, no byte of it shared with any other live storage.
 * Small storage may be a view into a shared slab (storage/SlabAllocator.ts), so its `byteOffset` need not be
 * 0 and its `buffer` is not its own: reach the bytes through `buffer`, `byteOffset` and `byteLength` together.
 */
export function allocate<D extends DType>(dtype: D, size: number): DTypeStorage[D] {
  return tensorStorage.allocate(dtype, size)
}

/** The dtype whose storage is `values`. */
export function dtypeOfStorage(values: TypedArray): DType {
  if (values instanceof Float32Array) return 'float32'
  if (values instanceof Float64Array) return 'float64'
  if (values instanceof Int32Array) return 'int32'
  return 'bool'
}

/**
 * Rounds a JavaScript number the way storing it in `dtype` would, so scalar
 * code computes exactly what a kernel writing into typed storage computes.
 */
export function roundTo(dtype: DType, x: number): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(x)
    case 'float64':
      return x
    case 'int32':
      return x | 0
    case 'bool':
      // x != 0, so NaN is true (numpy, TensorFlow), unlike JavaScript's truthiness
      return x !== 0 ? 1 : 0
  }
}
