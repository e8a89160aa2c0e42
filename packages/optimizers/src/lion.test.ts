import { ConfigError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { applyUpdates } from './applyUpdates'
import { lion } from './lion'
import { runSteps } from './testing'

const f = Math.fround

/** optax's lion on one element in float32: sign((1−b1)g + b1·m), m = (1−b2)g + b2·m, then −lr·(u + wd·x). */
function optaxLion(grads: readonly number[], lr: number, wd: number, x0: number): number[] {
  const [b1, b2] = [f(0.9), f(0.99)]
  let [m, x] = [0, f(x0)]
  return grads.map(f).map((g) => {
    const u = Math.sign(f(f(f(1 - b1) * g) + f(b1 * m)))
    m = f(f(f(1 - b2) * g) + f(b2 * m))
    x = f(x + f(f(u + f(x * f(wd))) * f(-lr)))
    return x
  })
}

describe('lion', () => {
  const grads = [0.3, -0.01, -0.5, 0, 2]

  it("matches optax's lion with weight decay bit for bit", () => {
    const { xs } = runSteps(
      lion(0.01, { weightDecay: 0.1 }),
      [0.7],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(optaxLion(grads, 0.01, 0.1, 0.7))
  })

  it('steps by exactly lr in sign without decay, and 0 for a zero gradient and momentum', () => {
    const opt = lion(0.25, { weightDecay: 0 })
    const params = { w: tensor([1, 1, 1]) }
    const { updates } = opt.update({ w: tensor([3, -0.01, 0]) }, opt.init(params))
    expect(applyUpdates(params, updates).w.toArray()).toEqual([0.75, 1.25, 1])
  })

  it('decays only the params its mask selects', () => {
    const params = { w: tensor([[1]]), b: tensor([1]) }
    const opt = lion(0.5, { weightDecay: 1, mask: (_path: string, leaf: Tensor) => leaf.rank > 1 })
    const { updates } = opt.update({ w: tensor([[1]]), b: tensor([1]) }, opt.init(params), params)
    const next = applyUpdates(params, updates)
    expect([next.w.toArray(), next.b.toArray()]).toEqual([[[0]], [0.5]]) // w: 1 − 0.5·(1 + 1·1)
  })

  it('refuses bad options, naming lion', () => {
    expect(() => lion(0.1, { beta1: 1 })).toThrow(new ConfigError('lion', 'beta1 must be in [0, 1), got 1'))
    expect(() => lion(0.1, { weightDecay: -1 })).toThrow(
      new ConfigError('lion', 'weightDecay must be a finite number >= 0, got -1'),
    )
    // @ts-expect-error lion has no epsilon
    expect(() => lion(0.1, { epsilon: 1 })).toThrow(
      new ConfigError('lion', "unknown option 'epsilon'; expected one of beta1, beta2, weightDecay, mask"),
    )
  })

  it('agrees with values computed independently with numpy in float32', () => {
    // From numpy 2 float32 scalars (each op correctly rounded), the kernel's formula written out in Python: u = sign((1−b1)g + b1·m); m = (1−b2)g + b2·m; x += (u + x·wd)·(−lr).
    const numpy = [0.689300000667572, 0.6786106824874878, 0.6879320740699768, 0.6972441673278809, 0.6865469217300415]
    const { xs } = runSteps(
      lion(0.01, { weightDecay: 0.1 }),
      [0.7],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(numpy)
  })
})
