import { describe, expect, it } from 'vitest'
import { inverseTimeDecay } from './inverseTimeDecay'

describe('inverseTimeDecay', () => {
  it('follows learningRate / (1 + k · step / decaySteps) to float32 precision', () => {
    const lr = inverseTimeDecay({ learningRate: 0.1, decaySteps: 4, decayRate: 0.5 })
    for (let step = 0; step <= 30; step++) expect(lr(step)).toBeCloseTo(0.1 / (1 + (0.5 * step) / 4), 8)
  })

  it('halves the rate at step decaySteps / decayRate', () => {
    const lr = inverseTimeDecay({ learningRate: 0.8, decaySteps: 10, decayRate: 2 })
    expect(lr(5)).toBe(Math.fround(0.4))
  })

  it('with staircase steps at multiples of decaySteps', () => {
    const lr = inverseTimeDecay({ learningRate: 1, decaySteps: 10, decayRate: 1, staircase: true })
    expect([0, 9, 10, 19, 20].map(lr)).toEqual([1, 1, 0.5, 0.5, Math.fround(1 / 3)])
  })

  it('rejects a NaN learning rate', () => {
    expect(() => inverseTimeDecay({ learningRate: NaN, decaySteps: 1, decayRate: 1 })).toThrow(
      'inverseTimeDecay: learningRate must be a finite number >= 0, got NaN',
    )
  })
})
