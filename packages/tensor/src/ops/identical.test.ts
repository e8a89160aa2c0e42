import { describe, expect, it } from 'vitest'
import { tensor } from '../creation'
import { identical } from './identical'

describe('identical', () => {
  it('is true for the same dtype, shape and bits', () => {
    expect(identical(tensor([[1, 2]]), tensor([[1, 2]]))).toBe(true)
    expect(identical(tensor([NaN]), tensor([NaN]))).toBe(true)
  })

  it('is false when a value, the shape or the dtype differs', () => {
    expect(identical(tensor([1, 2]), tensor([1, 3]))).toBe(false)
    expect(identical(tensor([1, 2]), tensor([[1, 2]]))).toBe(false)
    expect(identical(tensor([1, 2]), tensor([1, 2], undefined, 'float64'))).toBe(false)
    expect(identical(tensor([0]), tensor([-0]))).toBe(false)
  })

  it('names a bad argument', () => {
    expect(() => identical(tensor([1]), [1] as never)).toThrow("identical: argument 'b' must be a Tensor, got an array")
  })
})
