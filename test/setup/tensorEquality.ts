// Teaches toEqual about tensors: their values are private, so without this
// any two tensors would look equal. Equal means same dtype, shape and values
// (NaN equal to NaN, as numpy's array_equal with equal_nan).
//
// Tensors are known by the brand every copy of @gradstream/tensor puts on their
// prototype (the one its instanceof check reads), not by importing the package:
// this file runs before every test file, and a third of them never load tensor.
import { expect } from 'vitest'

const TENSOR_BRAND = Symbol.for('@gradstream/tensor')

/** The public part of a tensor that equality reads. */
interface BrandedTensor {
  readonly dtype: string
  readonly shape: readonly number[]
  toFlatArray(): readonly (number | boolean)[]
}

const isTensor = (value: unknown): value is BrandedTensor =>
  typeof value === 'object' && value !== null && (value as { [TENSOR_BRAND]?: unknown })[TENSOR_BRAND] === true

expect.addEqualityTesters([
  function tensorsEqual(a: unknown, b: unknown): boolean | undefined {
    if (!isTensor(a) || !isTensor(b)) return undefined
    if (a.dtype !== b.dtype || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
      return false
    }
    const x = a.toFlatArray()
    const y = b.toFlatArray()
    return x.every((v, i) => v === y[i] || (Number.isNaN(v) && Number.isNaN(y[i])))
  },
])
