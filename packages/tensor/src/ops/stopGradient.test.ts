import { describe, expect, it } from 'vitest'
import { DTypeError, stopGradient, tensor } from '../index'

describe('stopGradient', () => {
  it('returns a new tensor with the same values, shape and dtype', () => {
    const x = tensor([[1, NaN]], undefined, 'float64')
    const out = stopGradient(x)
    expect(out).not.toBe(x)
    expect(out.shape).toEqual([1, 2])
    expect(out.dtype).toBe('float64')
    expect(out.toArray()).toEqual([[1, NaN]])
  })

  it('gives a tensor whose data copies cannot reach x', () => {
    const x = tensor([1, 2])
    stopGradient(x).dataSync().fill(9)
    expect(x.toArray()).toEqual([1, 2])
  })

  it('throws when x is not a Tensor', () => {
    expect(() => stopGradient([1] as never)).toThrow(
      new DTypeError('stopGradient', "argument 'x' must be a Tensor, got an array"),
    )
  })
})
