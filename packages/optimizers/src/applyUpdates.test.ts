import { scalar, tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { applyUpdates } from './applyUpdates'

describe('applyUpdates', () => {
  it('adds updates to params leaf by leaf, keeping the structure', () => {
    const params = { w: tensor([1, 2]), layers: [{ b: scalar(3) }] }
    const next = applyUpdates(params, { w: tensor([0.5, -1]), layers: [{ b: scalar(-3) }] })
    expect(next.w.toArray()).toEqual([1.5, 1])
    expect(next.layers[0]!.b.item()).toBe(0)
    expect(params.w.toArray()).toEqual([1, 2])
  })

  it('rounds like float32 arithmetic: 5 - 0.01 is float32(4.99)', () => {
    // TF1's x -= grad * lr for the seed's first step, x = 5, grad = 10, lr = 0.001.
    const next = applyUpdates({ x: scalar(5) }, { x: scalar(-0.01) })
    expect(next.x.item()).toBe(Math.fround(5 - Math.fround(0.01)))
  })

  it('names the path where shapes differ, never broadcasting an update', () => {
    expect(() => applyUpdates({ layers: [{ w: tensor([1, 2]) }] }, { layers: [{ w: tensor([1]) }] })).toThrow(
      'applyUpdates: params.layers[0].w has shape [2] but updates.layers[0].w has shape [1]',
    )
  })

  it('names the path where the structures differ', () => {
    expect(() => applyUpdates({ w: tensor([1]) }, { v: tensor([1]) })).toThrow(
      'applyUpdates: params.w is a Tensor but updates.w is missing',
    )
  })

  it('names the path where dtypes differ', () => {
    expect(() => applyUpdates({ w: tensor([1]) }, { w: tensor([1], undefined, 'float64') })).toThrow(
      'applyUpdates: params.w has dtype float32 but updates.w has dtype float64',
    )
  })
})
