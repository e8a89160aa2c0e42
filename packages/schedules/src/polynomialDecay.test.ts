import { describe, expect, it } from 'vitest'
import { polynomialDecay } from './polynomialDecay'

const fround = Math.fround

// The real-number formula, evaluated in double: float32 results must agree to float32 precision.
function reference(lr: number, end: number, decaySteps: number, power: number, cycle: boolean, step: number): number {
  const total = cycle ? decaySteps * Math.max(1, Math.ceil(step / decaySteps)) : decaySteps
  const done = cycle ? step : Math.min(step, decaySteps)
  return (lr - end) * (1 - done / total) ** power + end
}

describe('polynomialDecay', () => {
  it('decays linearly to the end rate and holds it', () => {
    const lr = polynomialDecay({ learningRate: 0.1, decaySteps: 10, endLearningRate: 0.01 })
    for (let step = 0; step <= 20; step++) {
      expect(lr(step)).toBeCloseTo(reference(0.1, 0.01, 10, 1, false, step), 8)
    }
    expect(lr(10)).toBe(fround(0.01))
    expect(lr(1000)).toBe(fround(0.01))
  })

  it('follows a square-root decay with power 0.5', () => {
    const lr = polynomialDecay({ learningRate: 0.05, decaySteps: 10, endLearningRate: 0.001, power: 0.5 })
    for (let step = 0; step <= 12; step++) {
      expect(lr(step)).toBeCloseTo(reference(0.05, 0.001, 10, 0.5, false, step), 8)
    }
  })

  it('with cycle restarts over a doubled period after decaySteps', () => {
    const lr = polynomialDecay({ learningRate: 1, decaySteps: 10, endLearningRate: 0, cycle: true })
    expect([0, 5, 10, 11, 15, 20, 21].map(lr)).toEqual([1, 0.5, 0, fround(0.45), 0.25, 0, fround(1 - 21 / 30)])
  })

  it('defaults to endLearningRate 0.0001 and power 1', () => {
    const lr = polynomialDecay({ learningRate: 0.1, decaySteps: 4 })
    expect(lr(4)).toBe(fround(0.0001))
    expect(lr(2)).toBe(fround(fround(fround(fround(0.1) - fround(0.0001)) * 0.5) + fround(0.0001)))
  })

  it('rejects bad options with the value at fault', () => {
    expect(() => polynomialDecay({ learningRate: 0.1, decaySteps: 0 })).toThrow(
      'polynomialDecay: decaySteps must be a finite number > 0, got 0',
    )
    expect(() => polynomialDecay({ learningRate: 0.1, decaySteps: 5, power: -1 })).toThrow(
      'polynomialDecay: power must be a finite number > 0, got -1',
    )
    expect(() => polynomialDecay({ learningRate: 0.1, decaySteps: 5, endLearningRate: -0.1 })).toThrow(
      'polynomialDecay: endLearningRate must be a finite number >= 0, got -0.1',
    )
  })
})
