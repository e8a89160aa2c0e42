import { sgd } from '@gradstream/optimizers'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import type { LearningRateState } from './learningRateState'
import { runOptimizer } from './runOptimizer'

const params = { w: tensor([1, 2]) }
const schedule = (step: number) => 0.1 / 2 ** step

describe('runOptimizer with a schedule', () => {
  const run = () => runOptimizer(sgd, schedule, 0)

  it('writes the rate into a new frozen state and shares the rest', () => {
    const optimizer = run()
    const state = optimizer.stateWith(undefined, params, 0.1) as LearningRateState<unknown>
    const next = optimizer.stateWith(state, params, 0.05) as LearningRateState<unknown>
    expect(next.hyperparams).toEqual({ learningRate: 0.05 })
    expect(state.hyperparams).toEqual({ learningRate: 0.1 })
    expect(next.inner).toBe(state.inner)
    expect(Object.isFrozen(next) && Object.isFrozen(next.hyperparams)).toBe(true)
  })

  it('returns the very state when it holds the rate already', () => {
    const optimizer = run()
    const state = optimizer.stateWith(undefined, params, 0.1)
    expect(optimizer.stateWith(state, params, 0.1)).toBe(state)
  })

  it('refuses a state without its learning rate with the StructureError of withHyperparams', () => {
    const optimizer = run()
    const state = optimizer.stateWith(undefined, params, 0.1) as LearningRateState<unknown>
    const broken = { ...state, hyperparams: {} } as unknown as LearningRateState<unknown>
    expect(() => optimizer.stateWith(broken, params, 0.05)).toThrow(
      'withHyperparams: values.learningRate is not a hyper-parameter of this state; expected one of ',
    )
  })
})
