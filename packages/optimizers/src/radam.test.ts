import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { radam } from './radam'
import { runSteps } from './testing'

/** optax's radam in float64, written from its definition (threshold 5, ε added to √v̂). */
function optaxRadam(grads: readonly number[], lr: number, x0: number): number[] {
  const [b1, b2, eps] = [0.9, 0.999, 1e-8]
  const rhoInf = 2 / (1 - b2) - 1
  let [m, v, x] = [0, 0, x0]
  return grads.map((g, i) => {
    const t = i + 1
    m = (1 - b1) * g + b1 * m
    v = (1 - b2) * g * g + b2 * v
    const mHat = m / (1 - b1 ** t)
    const vHat = v / (1 - b2 ** t)
    const rho = rhoInf - (2 * t * b2 ** t) / (1 - b2 ** t)
    const r = Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho))
    x -= lr * (rho >= 5 ? (r * mHat) / (Math.sqrt(vHat) + eps) : mHat)
    return x
  })
}

describe('radam', () => {
  // Eight steps: the first five below the threshold (momentum steps), then rectified Adam steps.
  const grads = [2, -1, 0.5, 0.3, -0.2, 1.5, -3, 0.7]

  it("matches optax's radam within float32 rounding, across the switch at ρₜ = 5", () => {
    const { xs } = runSteps(
      radam(0.01),
      [1],
      grads.map((g) => [g]),
    )
    const expected = optaxRadam(grads, 0.01, 1)
    // x stays near 1: each float32 rounding of x costs up to 2^-24, the step's own rounding (~1e-2 · 2^-22) less.
    xs.forEach(([x], i) => expect(Math.abs(x! - expected[i]!)).toBeLessThan((i + 1) * 2 ** -23))
    // The sixth step is the first rectified one, far smaller than lr · m̂.
    const moved = Math.abs(xs[5]![0]! - xs[4]![0]!)
    expect(moved).toBeLessThan(0.01 * 0.2)
  })

  it('refuses bad options, naming radam', () => {
    expect(() => radam(0.1, { beta1: -0.1 })).toThrow(new ConfigError('radam', 'beta1 must be in [0, 1), got -0.1'))
    expect(() => radam(0.1, { threshold: NaN })).toThrow(
      new ConfigError('radam', 'threshold must be a finite number, got NaN'),
    )
  })
})
