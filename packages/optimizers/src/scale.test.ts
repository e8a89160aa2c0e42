import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { scale, scaleByLearningRate } from './scale'

const params = { w: tensor([1, 2]) }
const grads = { w: tensor([4, -8]) }
const w = (tree: unknown) => (tree as { w: Tensor }).w.toArray()

describe('scale', () => {
  it('multiplies every update by the factor', () => {
    const t = scale(-0.5)
    expect(w(t.update(grads, t.init(params)).updates)).toEqual([-2, 4])
  })

  it('rejects a factor that is not a finite number', () => {
    expect(() => scale(NaN)).toThrow('scale: factor must be a finite number, got NaN')
  })
})

describe('scaleByLearningRate', () => {
  it('turns gradients into -(g · lr), with lr rounded to float32 as TF does', () => {
    const t = scaleByLearningRate(0.1)
    const f = Math.fround
    expect(w(t.update(grads, t.init(params)).updates)).toEqual([-f(4 * f(0.1)), f(8 * f(0.1))])
  })

  it('reads a schedule at the number of updates already made: schedule(0) first', () => {
    const seen: number[] = []
    const t = scaleByLearningRate((step) => {
      seen.push(step)
      return 1 / 2 ** step
    })
    let state = t.init(params)
    const steps: number[][] = []
    for (let i = 0; i < 3; i++) {
      const result = t.update(grads, state)
      steps.push(w(result.updates) as number[])
      state = result.state
    }
    expect(seen).toEqual([0, 1, 2])
    expect(steps).toEqual([
      [-4, 8],
      [-2, 4],
      [-1, 2],
    ])
    expect(state.count).toBe(3)
  })

  it('rejects a negative, NaN or non-numeric learning rate, naming it', () => {
    expect(() => scaleByLearningRate(-0.1)).toThrow(
      'scaleByLearningRate: learningRate must be a finite number >= 0 or a schedule, got -0.1',
    )
    expect(() => scaleByLearningRate(NaN)).toThrow(
      'scaleByLearningRate: learningRate must be a finite number >= 0 or a schedule, got NaN',
    )
    // @ts-expect-error a string is not a learning rate
    expect(() => scaleByLearningRate('0.1')).toThrow(
      'scaleByLearningRate: learningRate must be a finite number >= 0 or a schedule, got "0.1"',
    )
  })

  it('fails when a schedule returns a bad rate, before changing anything', () => {
    const t = scaleByLearningRate(() => NaN)
    const state = t.init(params)
    expect(() => t.update(grads, state)).toThrow(
      'scaleByLearningRate: the learningRate schedule returned NaN at step 0; expected a finite number >= 0',
    )
    expect(state.count).toBe(0)
  })

  it('rejects a state without a count', () => {
    const t = scaleByLearningRate(0.1)
    // @ts-expect-error not the state init made
    expect(() => t.update(grads, {})).toThrow(
      'scaleByLearningRate: state.count must be an integer >= 0, got undefined; pass the state init returned',
    )
  })
})
