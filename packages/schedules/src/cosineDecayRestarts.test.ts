import { describe, expect, it } from 'vitest'
import { cosineDecayRestarts } from './cosineDecayRestarts'

// SGDR in real arithmetic: walk the periods explicitly instead of solving with logs.
function reference(lr: number, first: number, tMul: number, mMul: number, alpha: number, step: number): number {
  let [start, length, peak] = [0, first, 1]
  while (step >= start + length) [start, length, peak] = [start + length, length * tMul, peak * mMul]
  const cosine = 0.5 * peak * (1 + Math.cos((Math.PI * (step - start)) / length))
  return lr * ((1 - alpha) * cosine + alpha)
}

describe('cosineDecayRestarts', () => {
  it('restarts after 10, 20 and 40 more steps with tMul 2, to float32 precision', () => {
    const lr = cosineDecayRestarts({ learningRate: 0.1, firstDecaySteps: 10 })
    for (let step = 0; step < 70; step++) expect(lr(step)).toBeCloseTo(reference(0.1, 10, 2, 1, 0, step), 7)
    expect([lr(10), lr(30)]).toEqual([Math.fround(0.1), Math.fround(0.1)])
  })

  it('restarts at full rate at steps 10, 30, 70, 150, 310 despite float32 logs', () => {
    const lr = cosineDecayRestarts({ learningRate: 1, firstDecaySteps: 10 })
    expect([10, 30, 70, 150, 310].map(lr)).toEqual([1, 1, 1, 1, 1])
    expect([9, 29, 69, 149, 309].every((step) => lr(step) < 0.03)).toBe(true)
  })

  it('repeats equal periods with tMul 1 and shrinks each peak by mMul', () => {
    const lr = cosineDecayRestarts({ learningRate: 1, firstDecaySteps: 4, tMul: 1, mMul: 0.5 })
    expect([0, 4, 8].map(lr)).toEqual([1, 0.5, 0.25])
    // cos(float32(π) / 2) is −4.4e-8, not 0, so the midpoint is 0.5 · float32(1 − 4.4e-8) = 0.49999997.
    expect(lr(2)).toBe(Math.fround(0.5 * Math.fround(1 + Math.cos(Math.fround(Math.PI) * 0.5))))
    for (let step = 0; step < 20; step++) expect(lr(step)).toBeCloseTo(reference(1, 4, 1, 0.5, 0, step), 6)
  })

  it('never goes below alpha · learningRate', () => {
    const lr = cosineDecayRestarts({ learningRate: 2, firstDecaySteps: 5, tMul: 1.5, alpha: 0.1 })
    for (let step = 0; step < 60; step++) {
      expect(lr(step)).toBeGreaterThanOrEqual(Math.fround(0.2) - 1e-7)
      expect(lr(step)).toBeCloseTo(reference(2, 5, 1.5, 1, 0.1, step), 5)
    }
  })

  it('rejects tMul below 1 and a negative mMul', () => {
    expect(() => cosineDecayRestarts({ learningRate: 1, firstDecaySteps: 10, tMul: 0.5 })).toThrow(
      'cosineDecayRestarts: tMul must be a finite number >= 1, got 0.5',
    )
    expect(() => cosineDecayRestarts({ learningRate: 1, firstDecaySteps: 10, mMul: -1 })).toThrow(
      'cosineDecayRestarts: mMul must be a finite number >= 0, got -1',
    )
  })

  it('rejects an unknown option such as t_mul', () => {
    const options = { learningRate: 1, firstDecaySteps: 10, t_mul: 2 }
    expect(() => cosineDecayRestarts(options)).toThrow("cosineDecayRestarts: unknown option 't_mul'")
  })
})
