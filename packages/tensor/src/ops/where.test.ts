import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, greater, tensor, where } from '../index'
import type { NestedArray } from '../index'

const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')

describe('where', () => {
  it('reproduces the seed: where(greater(v1, v2), v1, v2)', () => {
    const v1 = tensor([1, 2, 3, 4])
    const v2 = tensor([4, 3, 2, 1])
    expect(where(greater(v1, v2), v1, v2).toArray()).toEqual([4, 3, 3, 4])
  })

  it('picks a where the condition is true and b elsewhere', () => {
    const out = where(tensor([true, false, true]), tensor([1, 2, 3]), tensor([10, 20, 30]))
    expect(out.toArray()).toEqual([1, 20, 3])
    expect(out.dtype).toBe('float32')
  })

  it('broadcasts the condition [2, 1] against a [3] and a scalar b', () => {
    const out = where(tensor([[true], [false]]), tensor([1, 2, 3]), tensor(0))
    expect(out.shape).toEqual([2, 3])
    expect(out.toArray()).toEqual([
      [1, 2, 3],
      [0, 0, 0],
    ])
  })

  it('broadcasts a and b against each other: [3, 1, 2] with [2, 2]', () => {
    const a = tensor([1, 2, 3, 4, 5, 6], [3, 1, 2])
    const b = tensor([
      [-1, -2],
      [-3, -4],
    ])
    const out = where(tensor([true, false]), a, b)
    expect(out.shape).toEqual([3, 2, 2])
    expect(out.toArray()).toEqual([
      [
        [1, -2],
        [1, -4],
      ],
      [
        [3, -2],
        [3, -4],
      ],
      [
        [5, -2],
        [5, -4],
      ],
    ])
  })

  it('broadcasts all three operands together: [2, 1, 3], [4, 1] and [3]', () => {
    const pattern = [true, false, false, false, true, true]
    const condition = tensor(pattern, [2, 1, 3])
    const a = tensor([1, 2, 3, 4], [4, 1])
    const b = tensor([-1, -2, -3])
    const expected = Array.from({ length: 24 }, (_, flat) => {
      const [i, j, k] = [Math.floor(flat / 12), Math.floor(flat / 3) % 4, flat % 3]
      return pattern[i * 3 + k] ? j + 1 : -(k + 1)
    })
    const out = where(condition, a, b)
    expect(out.shape).toEqual([2, 4, 3])
    expect(out.toFlatArray()).toEqual(expected)
  })

  it('accepts numbers for a and b, taking the dtype of the tensor operand', () => {
    expect(where(tensor([true, false]), 1, 0).toArray()).toEqual([1, 0])
    const out = where(tensor([true, false]), int32([7, 8]), 0)
    expect(out.dtype).toBe('int32')
    expect(out.toArray()).toEqual([7, 0])
  })

  it('selects bool values', () => {
    expect(where(tensor([true, false]), tensor([false, false]), tensor([true, true])).toArray()).toEqual([false, true])
  })

  it('passes NaN through only where it is picked', () => {
    expect(where(tensor([true, false]), tensor([NaN, NaN]), tensor([1, 2])).toArray()).toEqual([NaN, 2])
  })

  it('throws when the condition is not a bool Tensor', () => {
    expect(() => where(tensor([1, 0]), tensor([1, 2]), tensor([3, 4]))).toThrow(
      new DTypeError('where', 'condition must have dtype bool, got float32'),
    )
    expect(() => where('yes' as never, tensor([1]), tensor([2]))).toThrow(
      new DTypeError('where', 'argument \'condition\' must be a Tensor, got "yes"'),
    )
  })

  it('throws when a or b is not a Tensor', () => {
    expect(() => where(tensor([true]), [1] as never, tensor([2]))).toThrow(
      new DTypeError('where', "argument 'a' must be a Tensor, got an array"),
    )
    expect(() => where(tensor([true]), tensor([1]), 'b' as never)).toThrow(
      new DTypeError('where', 'argument \'b\' must be a Tensor, got "b"'),
    )
  })

  it('throws naming both dtypes when a and b differ', () => {
    expect(() => where(tensor([true]), tensor([1]), int32([2]))).toThrow(
      new DTypeError('where', 'dtypes differ: a is float32, b is int32; cast one first'),
    )
  })

  it('throws naming the shapes that do not broadcast', () => {
    expect(() => where(tensor([true, false]), tensor([1, 2, 3]), tensor(0))).toThrow(
      new ShapeError('where', 'shapes [2] and [3] cannot be broadcast together'),
    )
    expect(() => where(tensor([true, false]), tensor([1, 2]), tensor([1, 2, 3]))).toThrow(
      new ShapeError('where', 'shapes [2] and [3] cannot be broadcast together'),
    )
  })

  it('leaves its inputs untouched, after success and after an error', () => {
    const condition = tensor([true, false])
    const a = tensor([1, 2])
    const b = tensor([3, 4, 5])
    where(condition, a, tensor([3, 4]))
    expect(() => where(condition, a, b)).toThrow(ShapeError)
    expect([condition.toArray(), a.toArray(), b.toArray()]).toEqual([
      [true, false],
      [1, 2],
      [3, 4, 5],
    ])
  })
})
