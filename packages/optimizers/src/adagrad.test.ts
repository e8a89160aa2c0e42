import { describe, expect, it } from 'vitest'
import { adagrad } from './adagrad'
import { runSteps } from './testing'

const f = Math.fround

describe('adagrad', () => {
  it("matches TF1's ApplyAdagrad over two steps, the accumulator starting at 0.1", () => {
    const { xs, state } = runSteps(adagrad(0.5), [1], [[2], [-1]])
    const lr = f(0.5)
    const a1 = f(f(0.1) + 4)
    const x1 = f(1 - f(f(2 * lr) * f(1 / f(Math.sqrt(a1)))))
    const a2 = f(a1 + 1)
    expect(xs).toEqual([[x1], [f(x1 - f(f(-1 * lr) * f(1 / f(Math.sqrt(a2)))))]])
    expect(state[0].sumOfSquares).toBeDefined()
  })

  it('honours initialAccumulatorValue and rejects one <= 0', () => {
    const { xs } = runSteps(adagrad(1, { initialAccumulatorValue: 5 }), [0], [[2]])
    expect(xs[0]![0]).toBeCloseTo(-2 / 3, 6) // g·lr/√(5 + 4)
    expect(() => adagrad(1, { initialAccumulatorValue: 0 })).toThrow(
      'adagrad: initialAccumulatorValue must be a finite number > 0, got 0',
    )
  })
})
