import { describe, expect, it } from 'vitest'
import { rmsprop } from './rmsprop'
import { runSteps } from './testing'

const f = Math.fround

describe('rmsprop', () => {
  it("matches TF1's ApplyRMSProp over two steps, the mean square starting at 1", () => {
    const { xs, state } = runSteps(rmsprop(0.01), [1], [[2], [-1]])
    const [lr, oneMinusRho, eps] = [f(0.01), f(1 - f(0.9)), f(1e-10)]
    const ms1 = f(1 + f(f(4 - 1) * oneMinusRho))
    const x1 = f(1 - f(f(2 * lr) / f(Math.sqrt(f(ms1 + eps)))))
    const ms2 = f(ms1 + f(f(1 - ms1) * oneMinusRho))
    const x2 = f(x1 - f(f(-1 * lr) / f(Math.sqrt(f(ms2 + eps)))))
    expect(xs).toEqual([[x1], [x2]])
    expect(state[0].mg).toBeNull()
  })

  it('centered with momentum: mom = mom·μ + g·lr/√(ms − mg² + ε)', () => {
    const { xs } = runSteps(rmsprop(0.01, { centered: true, momentum: 0.5 }), [0], [[2], [2]])
    const [lr, oneMinusRho, eps, mu] = [f(0.01), f(1 - f(0.9)), f(1e-10), f(0.5)]
    const ms1 = f(1 + f(f(4 - 1) * oneMinusRho))
    const mg1 = f(0 + f(f(2 - 0) * oneMinusRho))
    const mom1 = f(f(0 * mu) + f(f(2 * lr) / f(Math.sqrt(f(f(ms1 - f(mg1 * mg1)) + eps)))))
    const ms2 = f(ms1 + f(f(4 - ms1) * oneMinusRho))
    const mg2 = f(mg1 + f(f(2 - mg1) * oneMinusRho))
    const mom2 = f(f(mom1 * mu) + f(f(2 * lr) / f(Math.sqrt(f(f(ms2 - f(mg2 * mg2)) + eps)))))
    expect(xs).toEqual([[f(0 - mom1)], [f(f(0 - mom1) - mom2)]])
  })

  it('rejects bad options, naming them', () => {
    expect(() => rmsprop(0.01, { decay: 1 })).toThrow('rmsprop: decay must be in [0, 1), got 1')
    expect(() => rmsprop(0.01, { epsilon: -1 })).toThrow('rmsprop: epsilon must be a finite number >= 0, got -1')
    // @ts-expect-error an unknown option
    expect(() => rmsprop(0.01, { rho: 0.9 })).toThrow(
      "rmsprop: unknown option 'rho'; expected one of decay, momentum, epsilon, centered",
    )
  })
})
