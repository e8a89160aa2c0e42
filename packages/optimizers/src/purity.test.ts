// Every named optimizer is a pure pair: inputs are never changed, states come back frozen, and a state can be reused.
import { exponentialDecay } from '@gradstream/schedules'
import { Tensor, scalar, tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adadelta } from './adadelta'
import { adagrad } from './adagrad'
import { adam } from './adam'
import { adamax } from './adamax'
import { adamw } from './adamw'
import { applyUpdates } from './applyUpdates'
import { chain } from './chain'
import { clipByGlobalNorm } from './clipByGlobalNorm'
import { clipByValue } from './clipByValue'
import { injectHyperparams } from './injectHyperparams'
import { lion } from './lion'
import { masked } from './masked'
import { momentum } from './momentum'
import { multiSteps } from './multiSteps'
import { multiTransform } from './multiTransform'
import { nadam } from './nadam'
import { radam } from './radam'
import { rmsprop } from './rmsprop'
import { sgd } from './sgd'
import type { GradientTransformation } from './transformation'

const optimizers: readonly { name: string; make: () => GradientTransformation<unknown> }[] = [
  { name: 'sgd', make: () => sgd(0.1) },
  { name: 'momentum', make: () => momentum(0.1, 0.9, { nesterov: true }) },
  { name: 'adam', make: () => adam(0.1) },
  { name: 'adamw', make: () => adamw(0.1, { weightDecay: 0.01 }) },
  { name: 'rmsprop', make: () => rmsprop(0.1, { centered: true, momentum: 0.5 }) },
  { name: 'adagrad', make: () => adagrad(0.1) },
  { name: 'clipped', make: () => chain(clipByValue(-1, 1), clipByGlobalNorm(1), adam(0.1)) },
  { name: 'adam (amsgrad)', make: () => adam(0.1, { amsgrad: true }) },
  { name: 'nadam', make: () => nadam(0.1) },
  { name: 'adamax', make: () => adamax(0.1) },
  { name: 'radam', make: () => radam(0.1) },
  { name: 'adadelta', make: () => adadelta(1) },
  { name: 'lion', make: () => lion(0.1, { weightDecay: 0.01, mask: { w: true, layers: false } }) },
  { name: 'masked', make: () => masked(adam(0.1), (path) => path !== 'w') },
  { name: 'multiTransform', make: () => multiTransform({ a: adam(0.1), b: sgd(0.1) }, { w: 'a', layers: 'b' }) },
  { name: 'multiSteps', make: () => multiSteps(adam(0.1), 1) },
  { name: 'injectHyperparams', make: () => injectHyperparams(({ lr }) => adam(lr), { lr: 0.1 }) },
]

const makeParams = () => ({ w: tensor([[1, 2]]), layers: [{ b: scalar(-1) }] })
const makeGrads = () => ({ w: tensor([[0.5, -3]]), layers: [{ b: scalar(2) }] })
const snapshot = (tree: { w: Tensor; layers: { b: Tensor }[] }) => [tree.w.toArray(), tree.layers[0]!.b.item()]

describe.each(optimizers)('$name', ({ make }) => {
  it('leaves params and grads untouched and returns a frozen state', () => {
    const opt = make()
    const [params, grads] = [makeParams(), makeGrads()]
    const state = opt.init(params)
    const { updates, state: next } = opt.update(grads, state, params)
    expect(snapshot(params)).toEqual(snapshot(makeParams()))
    expect(snapshot(grads)).toEqual(snapshot(makeGrads()))
    expect(Object.isFrozen(next)).toBe(true)
    expect(Object.isFrozen(state)).toBe(true)
    expect(applyUpdates(params, updates).w.shape).toEqual([1, 2])
  })

  it('keeps its state as plain data a checkpoint can store: plain objects, arrays, finite numbers, null, tensors', () => {
    const opt = make()
    const params = makeParams()
    const { state } = opt.update(makeGrads(), opt.init(params), params)
    expect(nonDataPaths(state, 'state')).toEqual([])
  })

  it('gives the same result when a state is reused', () => {
    const opt = make()
    const params = makeParams()
    const state = opt.init(params)
    const first = opt.update(makeGrads(), state, params).updates
    opt.update(makeGrads(), state, params)
    const again = opt.update(makeGrads(), state, params).updates
    expect(JSON.stringify(flat(again))).toBe(JSON.stringify(flat(first)))
  })
})

const flat = (tree: unknown) => {
  const { w, layers } = tree as { w: Tensor; layers: { b: Tensor }[] }
  return [...w.toFlatArray(), layers[0]!.b.item()]
}

describe('schedules inside optimizers', () => {
  it('sgd with exponentialDecay (staircase) uses 0.1, then 0.096, then 0.09216', () => {
    const schedule = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: true })
    const opt = sgd(schedule)
    let params = { x: scalar(1) }
    let state = opt.init(params)
    const xs: number[] = []
    for (let i = 0; i < 3; i++) {
      // A gradient of 1 makes each step exactly -lr, so x walks down by the schedule's values.
      const result = opt.update({ x: scalar(1) }, state, params)
      params = applyUpdates(params, result.updates)
      state = result.state
      xs.push(params.x.item())
    }
    const f = Math.fround
    const [lr0, lr1, lr2] = [schedule(0), schedule(1), schedule(2)]
    expect([lr0, lr1, lr2]).toEqual([f(0.1), f(f(0.1) * f(0.96)), f(f(0.1) * f(f(0.96) * f(0.96)))])
    expect(xs).toEqual([f(1 - lr0), f(f(1 - lr0) - lr1), f(f(f(1 - lr0) - lr1) - lr2)])
  })

  it('adam reads its schedule at the update count', () => {
    const schedule = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.5, staircase: true })
    const withSchedule = adam(schedule)
    const fixed = [adam(0.1), adam(0.05)]
    const params = { x: scalar(1) }
    const grads = { x: scalar(2) }
    const scheduled = withSchedule.update(grads, withSchedule.update(grads, withSchedule.init(params)).state)
    const stepOne = fixed[0]!.update(grads, fixed[0]!.init(params))
    const stepTwo = fixed[1]!.update(grads, stepOne.state)
    expect((scheduled.updates as { x: Tensor }).x.item()).toBe((stepTwo.updates as { x: Tensor }).x.item())
  })
})

/** The paths in `value` holding anything but plain data (what train's checkpoints encode). */
function nonDataPaths(value: unknown, path: string): string[] {
  if (value instanceof Tensor || value === null || (typeof value === 'number' && Number.isFinite(value))) return []
  if (Array.isArray(value)) return value.flatMap((item, i) => nonDataPaths(item, `${path}[${i}]`))
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => nonDataPaths(item, `${path}.${key}`))
  }
  return [path]
}
