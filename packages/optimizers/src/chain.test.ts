import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { chain } from './chain'
import { scale, scaleByLearningRate } from './scale'
import { identity } from './transformation'

const params = { w: tensor([1, 2]) }
const grads = { w: tensor([4, -8]) }
const w = (tree: unknown) => (tree as { w: Tensor }).w.toArray()

describe('chain', () => {
  it('feeds each transformation the updates of the one before', () => {
    const opt = chain(scale(0.5), scaleByLearningRate(0.25))
    const { updates } = opt.update(grads, opt.init(params))
    expect(w(updates)).toEqual([-0.5, 1]) // -(g · 0.5 · 0.25)
  })

  it('keeps one state per transformation, in order, and advances each', () => {
    const opt = chain(identity(), scale(2))
    const state = opt.init(params)
    expect(state).toEqual([{ count: 0 }, { count: 0 }])
    const next = opt.update(grads, state).state
    expect(next).toEqual([{ count: 1 }, { count: 1 }])
    expect(Object.isFrozen(next)).toBe(true)
    expect(state).toEqual([{ count: 0 }, { count: 0 }])
  })

  it('with no transformations passes updates through', () => {
    const opt = chain()
    expect(opt.update(grads, opt.init(params)).updates).toBe(grads)
  })

  it('rejects a state of the wrong length or kind with a sentence', () => {
    const opt = chain(identity(), scale(2))
    const wrongLength = chain(identity()).init(params)
    // @ts-expect-error a one-element state for a two-element chain
    expect(() => opt.update(grads, wrongLength)).toThrow(
      "chain: the state has 1 child states but the chain has 2 transformations; pass the state this chain's init returned",
    )
    // @ts-expect-error not a tuple
    expect(() => opt.update(grads, { count: 0 })).toThrow(
      'chain: the state must be the array of 2 child states that init returned, got an object',
    )
  })
})

describe('identity', () => {
  it('returns the updates unchanged and counts them', () => {
    const result = identity().update(grads, identity().init(params))
    expect(result.updates).toBe(grads)
    expect(result.state).toEqual({ count: 1 })
  })
})
