import { describe, expect, it } from 'vitest'
import { linearWarmup } from './linearWarmup'

describe('linearWarmup', () => {
  it('ramps linearly from 0 to the peak, then holds it', () => {
    const lr = linearWarmup({ peakLearningRate: 1, warmupSteps: 4 })
    expect([0, 1, 2, 3, 4, 5, 100].map(lr)).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 1])
  })

  it('ramps from a non-zero initial rate to float32 precision', () => {
    const lr = linearWarmup({ initialLearningRate: 0.01, peakLearningRate: 0.1, warmupSteps: 9 })
    for (let step = 0; step <= 9; step++) expect(lr(step)).toBeCloseTo(0.01 + (0.09 * step) / 9, 8)
    expect(lr(0)).toBe(Math.fround(0.01))
    expect(lr(9)).toBe(Math.fround(0.1))
  })

  it('can ramp down when the initial rate is above the peak', () => {
    const lr = linearWarmup({ initialLearningRate: 1, peakLearningRate: 0.5, warmupSteps: 2 })
    expect([0, 1, 2, 3].map(lr)).toEqual([1, 0.75, 0.5, 0.5])
  })

  it('rejects warmupSteps 0 and a missing peak', () => {
    expect(() => linearWarmup({ peakLearningRate: 0.1, warmupSteps: 0 })).toThrow(
      'linearWarmup: warmupSteps must be a finite number > 0, got 0',
    )
    expect(() => Reflect.apply(linearWarmup, undefined, [{ warmupSteps: 10 }])).toThrow(
      'linearWarmup: peakLearningRate must be a finite number >= 0, got undefined',
    )
  })
})
