import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { adamax } from './adamax'
import { runSteps } from './testing'

const f = Math.fround

/** TF's ApplyAdaMax on one element with Keras's pow(β₁, t), every operation rounded to float32. */
function tfAdamax(grads: readonly number[], lr: number, x0: number): number[] {
  const [beta1, beta2, eps] = [f(0.9), f(0.999), f(1e-7)]
  let [m, u, x] = [0, 0, f(x0)]
  return grads.map(f).map((g, i) => {
    m = f(m + f(f(g - m) * f(1 - beta1)))
    u = Math.max(f(beta2 * u), Math.abs(g))
    x = f(x - f(f(f(lr) / f(1 - f(beta1 ** (i + 1)))) * f(m / f(u + eps))))
    return x
  })
}

describe('adamax', () => {
  const grads = [-4, 0.5, 1e-3, 6, -0.25]

  it("matches TF's ApplyAdaMax kernel bit for bit", () => {
    const { xs, state } = runSteps(
      adamax(0.1),
      [1],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(tfAdamax(grads, 0.1, 1))
    expect(state[0].count).toBe(5)
  })

  it('takes a first step of lr against the sign of the gradient', () => {
    // m₁ = 0.1·g, u₁ = |g|, step = lr/0.1 · 0.1·g/(|g| + ε) ≈ lr·sign(g).
    const { xs } = runSteps(adamax(0.1), [1, 1], [[-4, 2]])
    expect(xs[0]![0]).toBeCloseTo(1.1, 6)
    expect(xs[0]![1]).toBeCloseTo(0.9, 6)
  })

  it('refuses bad options, naming adamax', () => {
    expect(() => adamax(0.1, { beta2: 1 })).toThrow(new ConfigError('adamax', 'beta2 must be in [0, 1), got 1'))
    expect(() => adamax(0.1, { epsilon: -1 })).toThrow(
      new ConfigError('adamax', 'epsilon must be a finite number >= 0, got -1'),
    )
    // @ts-expect-error an unknown option
    expect(() => adamax(0.1, { rho: 1 })).toThrow(
      new ConfigError('adamax', "unknown option 'rho'; expected one of beta1, beta2, epsilon"),
    )
  })

  it('agrees with values computed independently with numpy in float32', () => {
    // From numpy 2 float32 scalars (each op correctly rounded), the kernel's formula written out in Python: ApplyAdaMax with β₁ᵗ = np.power(β₁, t) in float32.
    const numpy = [1.100000023841858, 1.1408302783966064, 1.166610598564148, 1.1496973037719727, 1.1379197835922241]
    expect(
      runSteps(
        adamax(0.1),
        [1],
        grads.map((g) => [g]),
      ).xs.map(([x]) => x),
    ).toEqual(numpy)
  })
})
