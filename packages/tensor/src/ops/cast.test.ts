import { describe, expect, it } from 'vitest'
import { DTypeError, cast, tensor } from '../index'
import type { DType } from '../index'

const f32 = Math.fround

describe('cast', () => {
  it('truncates floats toward zero on the way to int32', () => {
    const out = cast(tensor([1.7, -1.7, 2.5, -0.5, 3]), 'int32')
    expect(out.dtype).toBe('int32')
    expect(out.toArray()).toEqual([1, -1, 2, 0, 3])
  })

  it('maps to bool as x != 0, so NaN is true', () => {
    expect(cast(tensor([0, 0.5, -2, -0, NaN, Infinity]), 'bool').toArray()).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
    ])
    expect(cast(tensor([0, 7], undefined, 'int32'), 'bool').toArray()).toEqual([false, true])
  })

  it('maps bool to 0 and 1', () => {
    expect(cast(tensor([true, false]), 'float32').toArray()).toEqual([1, 0])
    expect(cast(tensor([true, false]), 'int32').toArray()).toEqual([1, 0])
  })

  it('rounds to float32 from int32 and float64', () => {
    expect(cast(tensor([16777217, 3], undefined, 'int32'), 'float32').toArray()).toEqual([16777216, 3])
    expect(cast(tensor([0.1], undefined, 'float64'), 'float32').toArray()).toEqual([f32(0.1)])
  })

  it('widens float32 to float64 without changing the value', () => {
    expect(cast(tensor([0.1]), 'float64').toArray()).toEqual([f32(0.1)])
  })

  it('keeps NaN and infinities between float dtypes', () => {
    expect(cast(tensor([NaN, -Infinity]), 'float64').toArray()).toEqual([NaN, -Infinity])
  })

  it('copies when the dtype is unchanged, keeping the shape', () => {
    const x = tensor([[1.5, 2]])
    const out = cast(x, 'float32')
    expect(out).not.toBe(x)
    expect(out.shape).toEqual([1, 2])
    expect(out.toArray()).toEqual([[1.5, 2]])
  })

  it('throws on an unknown dtype and a non-Tensor', () => {
    expect(() => cast(tensor([1]), 'int64' as DType)).toThrow(new DTypeError('cast', 'unknown dtype "int64"'))
    expect(() => cast(1 as never, 'int32')).toThrow(new DTypeError('cast', "argument 'x' must be a Tensor, got 1"))
  })

  it('leaves x untouched', () => {
    const x = tensor([1.7, -1.7])
    cast(x, 'int32')
    expect(() => cast(x, 'uint8' as DType)).toThrow(DTypeError)
    expect(x.toArray()).toEqual([f32(1.7), f32(-1.7)])
  })
})
