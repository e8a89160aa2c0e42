// Type promises, checked by tsc: chained states are typed tuples, params keep their type through an update.
import { tensor } from '@gradstream/tensor'
import { expectTypeOf, test } from 'vitest'
import { adam } from './adam'
import type { AdamState } from './adam'
import { applyUpdates } from './applyUpdates'
import { chain } from './chain'
import { clipByGlobalNorm } from './clipByGlobalNorm'
import type { ScaleByAdamState } from './scaleByAdam'
import type { CountState } from './transformation'
import { injectHyperparams } from './injectHyperparams'
import type { Hyperparams } from './injectHyperparams'
import { multiTransform } from './multiTransform'

test('chain state is the readonly tuple of the child states', () => {
  const opt = chain(clipByGlobalNorm(1), adam(0.1))
  expectTypeOf(opt.init({ w: tensor([1]) })).toEqualTypeOf<readonly [CountState, AdamState]>()
  expectTypeOf<AdamState>().toEqualTypeOf<readonly [ScaleByAdamState]>()
})

test('applyUpdates returns the params type', () => {
  const params = { w: tensor([1]), layers: [{ b: tensor([1]) }] }
  expectTypeOf(applyUpdates(params, params)).toEqualTypeOf<typeof params>()
})

test('a state from another optimizer is a type error', () => {
  const opt = adam(0.1)
  const grads = { w: tensor([1]) }
  // @ts-expect-error a count state is not Adam's state
  opt.update(grads, [{ count: 0 }])
})

test('injected hyper-parameters are typed by name, and the inner state keeps its type', () => {
  const opt = injectHyperparams(({ learningRate, beta1 }) => adam(learningRate, { beta1 }), {
    learningRate: 0.1,
    beta1: (step: number) => 0.9 - step * 1e-4,
  })
  const state = opt.init({ w: tensor([1]) })
  expectTypeOf(state.hyperparams).toEqualTypeOf<Hyperparams<'learningRate' | 'beta1'>>()
  expectTypeOf(state.hyperparams.learningRate).toEqualTypeOf<number>()
  expectTypeOf(state.inner).toEqualTypeOf<AdamState>()
  // @ts-expect-error not a hyper-parameter of this optimizer
  void state.hyperparams.beta2
})

test('multiTransform state is typed by label', () => {
  const opt = multiTransform({ frozen: clipByGlobalNorm(1), trained: adam(0.1) }, () => 'trained')
  const state = opt.init({ w: tensor([1]) })
  expectTypeOf(state.inner.trained).toEqualTypeOf<AdamState>()
  expectTypeOf(state.inner.frozen).toEqualTypeOf<CountState>()
})
