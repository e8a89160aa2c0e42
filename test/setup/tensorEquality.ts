// Teaches toEqual about tensors: their values are private, so without this
// any two tensors would look equal. Equal means same dtype, shape and values
// (NaN equal to NaN, as numpy's array_equal with equal_nan).
import { Tensor } from '@gradstream/tensor'
import { expect } from 'vitest'

expect.addEqualityTesters([
  function tensorsEqual(a: unknown, b: unknown): boolean | undefined {
    if (!(a instanceof Tensor) || !(b instanceof Tensor)) return undefined
    if (a.dtype !== b.dtype || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
      return false
    }
    const x = a.toFlatArray()
    const y = b.toFlatArray()
    return x.every((v, i) => v === y[i] || (Number.isNaN(v) && Number.isNaN(y[i])))
  },
])
