import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { applyUpdates } from './applyUpdates'
import { injectHyperparams, withHyperparams } from './injectHyperparams'
import type { InjectHyperparamsState } from './injectHyperparams'

const grads = [
  [0.5, -2],
  [1, 0.25],
  [-3, 1e-3],
  [0.7, 0.7],
].map((g) => ({ w: tensor(g) }))
const w = (tree: unknown) => (tree as { w: Tensor }).w.toFlatArray()

/** A state with one hyper-parameter replaced, as an immer recipe would make it: a new frozen record, the rest shared. */
function edited<K extends string, S>(
  state: InjectHyperparamsState<K, S>,
  name: NoInfer<K>,
  value: number,
): InjectHyperparamsState<K, S> {
  return Object.freeze({ ...state, hyperparams: Object.freeze({ ...state.hyperparams, [name]: value }) })
}

describe('injectHyperparams', () => {
  it('keeps numeric options in the state, and steps like the optimizer built with them', () => {
    const injected = injectHyperparams(({ learningRate, beta1 }) => adam(learningRate, { beta1 }), {
      learningRate: 0.01,
      beta1: 0.8,
    })
    const plain = adam(0.01, { beta1: 0.8 })
    let params = { w: tensor([1, 2]) }
    let [state, reference] = [injected.init(params), plain.init(params)]
    expect(state.hyperparams).toEqual({ learningRate: 0.01, beta1: 0.8 })
    for (const g of grads) {
      const a = injected.update(g, state, params)
      const b = plain.update(g, reference, params)
      expect(w(a.updates)).toEqual(w(b.updates))
      expect(a.state.hyperparams).toBe(state.hyperparams) // unchanged values are shared, not rebuilt
      params = applyUpdates(params, a.updates)
      ;[state, reference] = [a.state, b.state]
    }
    expect(state.count).toBe(4)
    expect(Object.isFrozen(state.hyperparams)).toBe(true)
  })

  it('uses an edited value from the next update on, bit for bit like an optimizer built with it', () => {
    const injected = injectHyperparams(({ learningRate, beta1 }) => adam(learningRate, { beta1 }), {
      learningRate: 0.01,
      beta1: 0.9,
    })
    const params = { w: tensor([1, 2]) }
    const first = injected.update(grads[0]!, injected.init(params), params)
    const halved = edited(first.state, 'learningRate', 0.005)
    const afterEdit = injected.update(grads[1]!, halved, params)
    const rebuilt = adam(0.005).update(grads[1]!, first.state.inner, params)
    expect(w(afterEdit.updates)).toEqual(w(rebuilt.updates))
    expect(afterEdit.state.hyperparams.learningRate).toBe(0.005)
    const beta = injected.update(grads[1]!, edited(first.state, 'beta1', 0.5), params)
    expect(w(beta.updates)).toEqual(w(adam(0.01, { beta1: 0.5 }).update(grads[1]!, first.state.inner).updates))
    expect(w(beta.updates)).not.toEqual(w(injected.update(grads[1]!, first.state, params).updates))
  })

  it('reads a schedule at the update count and records the value used, as adam(schedule) does', () => {
    const schedule = (step: number) => 0.1 / (1 + step)
    const injected = injectHyperparams(({ learningRate }) => adam(learningRate), { learningRate: schedule })
    const plain = adam(schedule)
    let [state, reference] = [injected.init({ w: tensor([1, 2]) }), plain.init({ w: tensor([1, 2]) })]
    expect(state.hyperparams.learningRate).toBe(0.1)
    for (const [i, g] of grads.entries()) {
      const a = injected.update(g, state)
      const b = plain.update(g, reference)
      expect(w(a.updates)).toEqual(w(b.updates))
      expect(a.state.hyperparams.learningRate).toBe(schedule(i))
      ;[state, reference] = [a.state, b.state]
    }
    // An edit of a scheduled value is overwritten by the schedule at the next update.
    expect(injected.update(grads[0]!, edited(state, 'learningRate', 7)).state.hyperparams.learningRate).toBe(
      schedule(4),
    )
  })

  it('refuses bad sources, bad stored values and values the optimizer refuses, naming who refused', () => {
    const make = (learningRate: unknown) =>
      injectHyperparams(({ learningRate: lr }) => adam(lr), { learningRate: learningRate as number })
    expect(() => make(NaN)).toThrow(
      new ConfigError('injectHyperparams', 'hyperparams.learningRate must be a finite number or a schedule, got NaN'),
    )
    expect(() => make(-1)).toThrow(
      new ConfigError('adam', 'learningRate must be a finite number >= 0 or a schedule, got -1'),
    )
    expect(() => injectHyperparams(5 as never, {})).toThrow(
      new ConfigError('injectHyperparams', 'factory must be a function, got 5'),
    )
    const opt = make(0.1)
    const state = opt.init({ w: tensor([1]) })
    expect(() => opt.update(grads[0]!, edited(state, 'learningRate', Infinity))).toThrow(
      new StructureError('injectHyperparams', 'state.hyperparams.learningRate must be a finite number, got Infinity'),
    )
    expect(() => opt.update({ w: tensor([1]) }, edited(state, 'learningRate', -0.5))).toThrow(
      new ConfigError('adam', 'learningRate must be a finite number >= 0 or a schedule, got -0.5'),
    )
    const extra = Object.freeze({ ...state, hyperparams: { learningRate: 0.1, beta9: 1 } })
    expect(() => opt.update({ w: tensor([1]) }, extra)).toThrow(
      new StructureError(
        'injectHyperparams',
        'state.hyperparams.beta9 is not a hyper-parameter of this optimizer; expected learningRate',
      ),
    )
    const badSchedule = injectHyperparams(({ learningRate }) => adam(learningRate), {
      learningRate: (step: number) => (step < 1 ? 0.1 : NaN),
    })
    const s0 = badSchedule.init({ w: tensor([1]) })
    const s1 = badSchedule.update({ w: tensor([1]) }, s0).state
    expect(() => badSchedule.update({ w: tensor([1]) }, s1)).toThrow(
      new ConfigError(
        'injectHyperparams',
        'the learningRate schedule returned NaN at step 1; expected a finite number',
      ),
    )
  })

  it('checks a record it was given once only when it is frozen: one edited in place is refused at its next update', () => {
    const opt = injectHyperparams(({ learningRate }) => adam(learningRate), { learningRate: 0.1 })
    const init = opt.init({ w: tensor([1, 2]) })
    const values = { learningRate: 0.1 }
    const state = { ...init, hyperparams: values }
    const first = opt.update(grads[0]!, state)
    expect(first.state.hyperparams).toBe(values) // no schedule: the stored record is passed on, not rebuilt
    values.learningRate = NaN
    expect(() => opt.update(grads[1]!, first.state)).toThrow(
      new StructureError('injectHyperparams', 'state.hyperparams.learningRate must be a finite number, got NaN'),
    )
    const frozen = Object.freeze({ learningRate: Infinity })
    for (let i = 0; i < 2; i++) {
      expect(() => opt.update(grads[0]!, { ...init, hyperparams: frozen })).toThrow(
        new StructureError('injectHyperparams', 'state.hyperparams.learningRate must be a finite number, got Infinity'),
      )
    }
  })

  describe('withHyperparams', () => {
    const opt = injectHyperparams(({ learningRate, beta1 }) => adam(learningRate, { beta1 }), {
      learningRate: 0.1,
      beta1: 0.9,
    })
    const state = opt.init({ w: tensor([1, 2]) })

    it('sets values in a new frozen state sharing the rest, and returns the state itself when nothing changes', () => {
      const next = withHyperparams(state, { learningRate: 0.05 })
      expect(next.hyperparams).toEqual({ learningRate: 0.05, beta1: 0.9 })
      expect(next.inner).toBe(state.inner)
      expect(Object.isFrozen(next) && Object.isFrozen(next.hyperparams)).toBe(true)
      expect(withHyperparams(state, { learningRate: 0.1 })).toBe(state)
      expect(w(opt.update(grads[0]!, next).updates)).toEqual(w(adam(0.05).update(grads[0]!, state.inner).updates))
    })

    it('refuses unknown names and non-finite values', () => {
      expect(() => withHyperparams(state, { beta2: 0.5 } as never)).toThrow(
        new ConfigError(
          'withHyperparams',
          'values.beta2 is not a hyper-parameter of this state; expected one of learningRate, beta1',
        ),
      )
      expect(() => withHyperparams(state, { learningRate: NaN })).toThrow(
        new ConfigError('withHyperparams', 'values.learningRate must be a finite number, got NaN'),
      )
      expect(() => withHyperparams({ ...state, hyperparams: 5 } as never, {})).toThrow(
        new StructureError('withHyperparams', 'state.hyperparams must be the record init returned, got 5'),
      )
    })
  })
})
