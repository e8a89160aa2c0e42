import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { multiSteps } from './multiSteps'
import { sgd } from './sgd'
import { runSteps } from './testing'

const f = Math.fround

describe('multiSteps', () => {
  it('returns zeros for k − 1 steps, then the inner update on the running mean, as optax computes it', () => {
    const grads = [0.1, 0.7, -0.3, 2, 5, 1]
    const { xs, state } = runSteps(
      multiSteps(sgd(0.5), 3),
      [1],
      grads.map((g) => [g]),
    )
    // acc += (g − acc)/(n + 1) in float32, then sgd's −(mean · lr).
    const mean = (gs: number[]) => gs.map(f).reduce((acc, g, n) => f(acc + f(f(g - acc) / (n + 1))), 0)
    const x3 = f(1 + -f(mean(grads.slice(0, 3)) * 0.5))
    const x6 = f(x3 + -f(mean(grads.slice(3)) * 0.5))
    expect(xs.map(([x]) => x)).toEqual([1, 1, x3, x3, x3, x6])
    expect(state.miniStep).toBe(0)
    expect(state.inner[0].count).toBe(2)
  })

  it('equals the inner optimizer fed the mean gradient (within float32 rounding of the mean)', () => {
    const grads = [
      [0.3, -1],
      [0.9, 2],
    ]
    const accumulated = runSteps(multiSteps(adam(0.1), 2), [1, 1], grads).xs[1]!
    const direct = runSteps(adam(0.1), [1, 1], [[0.6, 0.5]]).xs[0]!
    accumulated.forEach((x, i) => expect(x).toBeCloseTo(direct[i]!, 6))
  })

  it('with k = 1 is the inner transformation, and keeps zeros and the inner state between updates', () => {
    const grads = [[0.3], [-2]]
    expect(runSteps(multiSteps(adam(0.1), 1), [1], grads).xs).toEqual(runSteps(adam(0.1), [1], grads).xs)
    const opt = multiSteps(adam(0.1), 2)
    const state = opt.init({ w: tensor([1]) })
    const first = opt.update({ w: tensor([4]) }, state)
    expect(first.state.inner).toBe(state.inner)
    expect((first.updates as { w: Tensor }).w.toArray()).toEqual([0])
    expect((first.state.accumulated as { w: Tensor }).w.toArray()).toEqual([4])
  })

  it('refuses k < 1, a non-transformation and a bad miniStep', () => {
    expect(() => multiSteps(sgd(0.1), 0)).toThrow(new ConfigError('multiSteps', 'k must be an integer >= 1, got 0'))
    expect(() => multiSteps(sgd(0.1), 1.5)).toThrow(new ConfigError('multiSteps', 'k must be an integer >= 1, got 1.5'))
    expect(() => multiSteps(null as never, 2)).toThrow(
      new ConfigError('multiSteps', 'inner must be a gradient transformation { init, update }, got null'),
    )
    const opt = multiSteps(sgd(0.1), 2)
    const state = { ...opt.init({ w: tensor([1]) }), miniStep: 2 }
    expect(() => opt.update({ w: tensor([1]) }, state)).toThrow(
      new StructureError(
        'multiSteps',
        'state.miniStep must be an integer in [0, 2), got 2; pass the state init returned',
      ),
    )
  })
})
