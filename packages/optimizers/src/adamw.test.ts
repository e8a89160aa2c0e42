import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { adamw } from './adamw'
import { runSteps } from './testing'

const f = Math.fround

describe('adamw', () => {
  it('adds -(lr · weightDecay) · params to the Adam update: two steps in closed form', () => {
    const grads = [[0.5], [-1]]
    // Adam's updates do not depend on the params, so adam(0.1) gives the Adam part of each step.
    const plain = adam(0.1)
    const first = plain.update({ w: tensor([0.5]) }, plain.init({ w: tensor([0]) }))
    const second = plain.update({ w: tensor([-1]) }, first.state)
    const [u1, u2] = [first, second].map((r) => (r.updates as { w: Tensor }).w.item())
    const decay = f(-(0.1 * 0.5))
    const x1 = f(2 + f(u1! + f(2 * decay)))
    const x2 = f(x1 + f(u2! + f(x1 * decay)))
    expect(runSteps(adamw(0.1, { weightDecay: 0.5 }), [2], grads).xs).toEqual([[x1], [x2]])
  })

  it('with weightDecay 0 equals adam', () => {
    const grads = [[0.5], [-1], [3]]
    expect(runSteps(adamw(0.1, { weightDecay: 0 }), [2], grads).xs).toEqual(runSteps(adam(0.1), [2], grads).xs)
  })

  it('needs the params in update, and rejects a negative weight decay', () => {
    const opt = adamw(0.1)
    const params = { w: tensor([1]) }
    expect(() => opt.update(params, opt.init(params))).toThrow(
      'adamw: update needs the current params as its third argument',
    )
    expect(() => adamw(0.1, { weightDecay: -1 })).toThrow('adamw: weightDecay must be a finite number >= 0, got -1')
  })
})
