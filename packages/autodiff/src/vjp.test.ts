import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { vjp } from './vjp'

describe('vjp', () => {
  it('returns the output and pulls cotangents of any shape back to the params', () => {
    const w = t.tensor([
      [1, 2],
      [3, 4],
    ])
    const { output, vjp: pull } = vjp((p: { w: Tensor }, x: Tensor) => t.matMul(x, p.w), { w }, t.tensor([[1, 1]]))
    expect(output.toArray()).toEqual([[4, 6]])
    // d(c·(x w))/dw = xᵀ c
    expect(pull(t.tensor([[1, 0]])).w.toArray()).toEqual([
      [1, 0],
      [1, 0],
    ])
    expect(pull(t.tensor([[0, 2]])).w.toArray()).toEqual([
      [0, 2],
      [0, 2],
    ])
  })

  it('can be called again with the same result', () => {
    const { vjp: pull } = vjp((x: Tensor) => t.exp(x), t.tensor([0, 1], undefined, 'float64'))
    const c = t.tensor([1, 1], undefined, 'float64')
    expect(pull(c).toArray()).toEqual(pull(c).toArray())
    expect(pull(c).toArray()).toEqual([1, Math.exp(1)])
  })

  it('throws when the cotangent does not match the output', () => {
    const { vjp: pull } = vjp((x: Tensor) => t.mul(x, 2), t.ones([3]))
    expect(() => pull(t.ones([2]))).toThrow(
      new t.ShapeError('vjp', 'the cotangent has shape [2], the output has shape [3]'),
    )
    expect(() => pull(t.ones([3], 'float64'))).toThrow(
      'vjp: the cotangent has dtype float64, the output has dtype float32',
    )
  })
})
