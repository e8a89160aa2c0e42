import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { momentum } from './momentum'
import { sgd } from './sgd'
import { trace } from './trace'
import { runSteps } from './testing'

const f = Math.fround

describe('sgd', () => {
  it("is TF1's GradientDescentOptimizer: x -= g · lr in float32", () => {
    // The seed: minimising x² from 5 with lr 0.001, grad 10: x1 = 4.99 (float32).
    const { xs } = runSteps(sgd(0.001), [5], [[10], [f(2 * f(5 - f(10 * f(0.001))))]])
    const x1 = f(5 - f(10 * f(0.001)))
    expect(xs[0]).toEqual([x1])
    expect(xs[1]).toEqual([f(x1 - f(f(2 * x1) * f(0.001)))])
  })

  it('with momentum is the momentum optimizer', () => {
    const grads = [[1], [2]]
    expect(runSteps(sgd(0.1, { momentum: 0.9 }), [0], grads).xs).toEqual(runSteps(momentum(0.1, 0.9), [0], grads).xs)
  })

  it('rejects bad options, naming them', () => {
    expect(() => sgd(-0.5)).toThrow('sgd: learningRate must be a finite number >= 0 or a schedule, got -0.5')
    expect(() => sgd(0.1, { momentum: 1.5 })).toThrow('sgd: momentum must be in [0, 1), got 1.5')
    // @ts-expect-error an unknown option
    expect(() => sgd(0.1, { momentun: 0.9 })).toThrow(
      "sgd: unknown option 'momentun'; expected one of momentum, nesterov",
    )
  })
})

describe('sgd errors', () => {
  it('name sgd, not the transformation inside it', () => {
    const opt = sgd(() => NaN)
    // Reflect.apply passes a value the types would reject, as plain JavaScript callers can.
    expect(() => Reflect.apply(opt.init, opt, [{ w: 5 }])).toThrow(
      'sgd: params.w is a number; pytrees hold Tensor leaves in plain objects and arrays',
    )
    const params = { w: tensor([1]) }
    expect(() => opt.update(params, opt.init(params))).toThrow(
      'sgd: the learningRate schedule returned NaN at step 0; expected a finite number >= 0',
    )
  })
})

describe('momentum', () => {
  it("matches TF1's ApplyMomentum over two steps: accum = accum·m + g; x -= accum·lr", () => {
    const { xs, state } = runSteps(momentum(0.1, 0.9), [1], [[1], [2]])
    const [lr, m] = [f(0.1), f(0.9)]
    const a1 = f(f(0 * m) + 1)
    const x1 = f(1 - f(a1 * lr))
    const a2 = f(f(a1 * m) + 2)
    expect(xs).toEqual([[x1], [f(x1 - f(a2 * lr))]])
    expect(state[0].trace).toBeDefined()
    expect(state[0].count).toBe(2)
  })

  it('with Nesterov subtracts g·lr + accum·m·lr', () => {
    const { xs } = runSteps(momentum(0.1, 0.9, { nesterov: true }), [1], [[1], [2]])
    const [lr, m] = [f(0.1), f(0.9)]
    const a1 = 1
    const x1 = f(1 - f(f(1 * lr) + f(f(a1 * m) * lr)))
    const a2 = f(f(a1 * m) + 2)
    expect(xs).toEqual([[x1], [f(x1 - f(f(2 * lr) + f(f(a2 * m) * lr)))]])
  })

  it('rejects a momentum outside [0, 1) and a non-boolean nesterov', () => {
    expect(() => momentum(0.1, -0.1)).toThrow('momentum: momentum must be in [0, 1), got -0.1')
    // @ts-expect-error nesterov is a boolean
    expect(() => momentum(0.1, 0.9, { nesterov: 'yes' })).toThrow('momentum: nesterov must be a boolean, got "yes"')
  })
})

describe('trace', () => {
  it('reports its own option name: decay, not momentum', () => {
    expect(() => trace({ decay: 1 })).toThrow('trace: decay must be in [0, 1), got 1')
    expect(() => Reflect.apply(trace, undefined, [{ decay: 0.9, nesterov: 'yes' }])).toThrow(
      'trace: nesterov must be a boolean, got "yes"',
    )
  })
})
