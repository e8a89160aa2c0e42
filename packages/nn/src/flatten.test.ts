import { DTypeError, ShapeError } from '@gradstream/core'
import { range, reshape, tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { flatten } from './flatten'

describe('flatten', () => {
  it('keeps the batch axis and flattens the rest in row-major order', () => {
    const x = reshape(range(0, 24), [2, 3, 2, 2])
    const out = flatten().apply({}, x)
    expect(out.shape).toEqual([2, 12])
    expect(out.toFlatArray()).toEqual(x.toFlatArray())
    expect(flatten().apply({}, tensor([1, 2, 3])).shape).toEqual([3, 1])
    expect(flatten().apply({}, tensor([[1, 2]], undefined, 'int32')).dtype).toBe('int32')
  })

  it('refuses scalars and non-tensors', () => {
    expect(() => flatten().apply({}, tensor(1))).toThrow(
      new ShapeError('flatten', 'x must have shape [batch, ...], got []'),
    )
    expect(() => Reflect.apply(flatten().apply, undefined, [{}, 'x'])).toThrow(
      new DTypeError('flatten', 'x must be a Tensor, got "x"'),
    )
  })
})
