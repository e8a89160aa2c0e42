import { describe, expect, it } from 'vitest'
import { cosineDecay } from './cosineDecay'

function reference(lr: number, decaySteps: number, alpha: number, step: number): number {
  const cosine = 0.5 * (1 + Math.cos((Math.PI * Math.min(step, decaySteps)) / decaySteps))
  return lr * ((1 - alpha) * cosine + alpha)
}

describe('cosineDecay', () => {
  it('follows the half cosine to float32 precision', () => {
    const lr = cosineDecay({ learningRate: 0.1, decaySteps: 20 })
    for (let step = 0; step <= 25; step++) {
      expect(lr(step)).toBeCloseTo(reference(0.1, 20, 0, step), 7) // float32: ~1e-7 relative
    }
  })

  it('ends at alpha · learningRate and stays there', () => {
    const lr = cosineDecay({ learningRate: 2, decaySteps: 10, alpha: 0.25 })
    expect(lr(0)).toBe(2)
    expect(lr(10)).toBe(0.5)
    expect(lr(1000)).toBe(0.5)
    for (let step = 0; step <= 10; step++) expect(lr(step)).toBeCloseTo(reference(2, 10, 0.25, step), 6)
  })

  it('uses float32 π, so the end point is a float32 rounding of zero, not exactly zero', () => {
    // cos(float32(π)) = −1 + 2⁻⁴⁹ or so, which rounds to −1 in float32: the end rate is 0.
    const lr = cosineDecay({ learningRate: 1, decaySteps: 7 })
    expect(lr(7)).toBe(0)
    expect(lr(3)).toBe(
      Math.fround(
        Math.fround(
          0.5 * Math.fround(1 + Math.fround(Math.cos(Math.fround(Math.fround(Math.PI) * Math.fround(3 / 7))))),
        ),
      ),
    )
  })

  it('rejects alpha outside [0, 1]', () => {
    expect(() => cosineDecay({ learningRate: 0.1, decaySteps: 10, alpha: 1.5 })).toThrow(
      'cosineDecay: alpha must be in [0, 1], got 1.5',
    )
  })

  it('rejects decaySteps 0', () => {
    expect(() => cosineDecay({ learningRate: 0.1, decaySteps: 0 })).toThrow(
      'cosineDecay: decaySteps must be a finite number > 0, got 0',
    )
  })
})
