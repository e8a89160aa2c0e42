import { describe, expect, it } from 'vitest'
import { naturalExpDecay } from './naturalExpDecay'

describe('naturalExpDecay', () => {
  it('follows learningRate · exp(−k · step / decaySteps) to float32 precision', () => {
    const lr = naturalExpDecay({ learningRate: 0.1, decaySteps: 5, decayRate: 0.5 })
    for (let step = 0; step <= 30; step++) expect(lr(step)).toBeCloseTo(0.1 * Math.exp((-0.5 * step) / 5), 7)
  })

  it('rounds each op to float32 as TF1 does', () => {
    const f = Math.fround
    const lr = naturalExpDecay({ learningRate: 0.1, decaySteps: 3, decayRate: 0.3 })
    for (const step of [0, 1, 2, 7, 100]) {
      const p = f(step / f(3))
      expect(lr(step)).toBe(f(f(0.1) * f(Math.exp(f(-f(0.3) * p)))))
    }
  })

  it('with staircase decays only at multiples of decaySteps', () => {
    const lr = naturalExpDecay({ learningRate: 1, decaySteps: 10, decayRate: 1, staircase: true })
    expect([0, 9, 10, 19, 20].map(lr)).toEqual([
      1,
      1,
      Math.fround(Math.exp(-1)),
      Math.fround(Math.exp(-1)),
      Math.fround(Math.exp(-2)),
    ])
  })

  it('rejects a negative decayRate', () => {
    expect(() => naturalExpDecay({ learningRate: 0.1, decaySteps: 1, decayRate: -1 })).toThrow(
      'naturalExpDecay: decayRate must be a finite number >= 0, got -1',
    )
  })
})
