import { describe, expect, it } from 'vitest'
import { DTypeError, isFinite, isInf, isNaN, tensor } from '../index'

const values = [0, -0, 1.5, -3e38, Infinity, -Infinity, NaN]

describe.each([
  ['isNaN', isNaN, [false, false, false, false, false, false, true]],
  ['isFinite', isFinite, [true, true, true, true, false, false, false]],
  ['isInf', isInf, [false, false, false, false, true, true, false]],
] as const)('%s', (name, op, expected) => {
  it('classifies zeros, finite values, infinities and NaN', () => {
    expect(op(tensor(values)).toArray()).toEqual(expected)
    expect(op(tensor(values, undefined, 'float64')).toArray()).toEqual(expected)
  })

  it('returns a bool tensor of the same shape and leaves x untouched', () => {
    const x = tensor([[1], [NaN]])
    const out = op(x)
    expect(out.dtype).toBe('bool')
    expect(out.shape).toEqual([2, 1])
    expect(x.toArray()).toEqual([[1], [NaN]])
  })

  it('takes float tensors only, as TF', () => {
    expect(() => op(tensor([1], undefined, 'int32'))).toThrow(
      new DTypeError(name, 'x must have dtype float32 or float64, got int32'),
    )
    expect(() => op('x' as never)).toThrow(new DTypeError(name, 'argument \'x\' must be a Tensor, got "x"'))
  })
})
