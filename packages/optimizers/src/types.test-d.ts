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
