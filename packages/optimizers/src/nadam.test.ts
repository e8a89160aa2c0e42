import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { nadam } from './nadam'
import { runSteps } from './testing'

const f = Math.fround

/** TF1's ApplyAdam with use_nesterov on one element, each op rounded to float32 in the kernel's order. */
function tf1Nadam(grads: readonly number[], lr: number, x0: number): number[] {
  const [beta1, beta2, eps] = [f(0.9), f(0.999), f(1e-8)]
  let [m, v, x, b1p, b2p] = [0, 0, f(x0), beta1, beta2]
  return grads.map(f).map((g) => {
    const alpha = f(f(f(lr) * f(Math.sqrt(f(1 - b2p)))) / f(1 - b1p))
    m = f(m + f(f(g - m) * f(1 - beta1)))
    v = f(v + f(f(f(g * g) - v) * f(1 - beta2)))
    const lookahead = f(f(g * f(1 - beta1)) + f(beta1 * m))
    x = f(x - f(f(lookahead * alpha) / f(f(Math.sqrt(v)) + eps)))
    ;[b1p, b2p] = [f(b1p * beta1), f(b2p * beta2)]
    return x
  })
}

/** optax's nadam in float64, written from its definition. */
function optaxNadam(grads: readonly number[], lr: number, x0: number): number[] {
  let [m, v, x] = [0, 0, x0]
  return grads.map((g, i) => {
    const t = i + 1
    m = 0.1 * g + 0.9 * m
    v = 0.001 * g * g + 0.999 * v
    const mHat = (0.9 * m) / (1 - 0.9 ** (t + 1)) + (0.1 * g) / (1 - 0.9 ** t)
    x -= (lr * mHat) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return x
  })
}

const grads = [2, -0.5, 1e-3, 4]

describe('nadam', () => {
  it("matches TF1's NadamOptimizer (ApplyAdam with use_nesterov) bit for bit", () => {
    const { xs } = runSteps(
      nadam(0.1),
      [1],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(tf1Nadam(grads, 0.1, 1))
  })

  it('takes a first step of 1.9·lr against the gradient: (1−β₁)·g + β₁·m = 1.9·m', () => {
    const { xs } = runSteps(nadam(0.1), [1], [[2]])
    expect(xs[0]![0]).toBeCloseTo(0.81, 6)
  })

  it("form 'paper' matches optax's nadam within float32 rounding", () => {
    const { xs } = runSteps(
      nadam(0.1, { form: 'paper' }),
      [1],
      grads.map((g) => [g]),
    )
    const expected = optaxNadam(grads, 0.1, 1)
    // About ten float32 roundings per step, on steps below 1 and x near 1: a few ulps of 2^-23 each step.
    xs.forEach(([x], i) => expect(Math.abs(x! - expected[i]!)).toBeLessThan((i + 1) * 16 * 2 ** -23))
  })

  it('refuses amsgrad and bad betas, naming nadam', () => {
    // @ts-expect-error nadam has no amsgrad
    expect(() => nadam(0.1, { amsgrad: true })).toThrow(
      new ConfigError('nadam', "unknown option 'amsgrad'; expected one of beta1, beta2, epsilon, form"),
    )
    expect(() => nadam(0.1, { beta2: 1 })).toThrow('nadam: beta2 must be in [0, 1), got 1')
    expect(() => nadam(-0.1)).toThrow('nadam: learningRate must be a finite number >= 0 or a schedule, got -0.1')
  })

  it('agrees with values computed independently with numpy in float32', () => {
    // From numpy 2 float32 scalars (each op correctly rounded), the kernel's formula written out in Python: m += (g−m)(1−β₁); v += (g²−v)(1−β₂); x −= (g(1−β₁) + β₁m)·alpha/(√v + ε).
    const numpy = [0.8100000619888306, 0.7858044505119324, 0.7530847191810608, 0.6426558494567871]
    expect(
      runSteps(
        nadam(0.1),
        [1],
        grads.map((g) => [g]),
      ).xs.map(([x]) => x),
    ).toEqual(numpy)
  })
})
