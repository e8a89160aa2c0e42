import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { adamw } from './adamw'
import { runSteps } from './testing'

const f = Math.fround

describe('adamw', () => {
  it('subtracts lr · weightDecay · params on top of the Adam step', () => {
    const grads = [[0.5], [-1]]
    const plain = runSteps(adam(0.1), [2], grads).xs
    const decayed = runSteps(adamw(0.1, { weightDecay: 0.5 }), [2], grads).xs
    // Step 1: the Adam step is the same; the decay adds lr·wd·x0 = 0.1.
    const adamStep1 = f(2 - plain[0]![0]!)
    expect(decayed[0]![0]).toBeCloseTo(2 - adamStep1 - 0.1, 6)
    expect(decayed[1]![0]).toBeLessThan(plain[1]![0]!)
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
