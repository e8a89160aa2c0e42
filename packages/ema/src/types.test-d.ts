// Type promises, checked by tsc: the averaged params keep the params' type.
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { expectTypeOf, test } from 'vitest'
import { average, exponentialMovingAverage } from './exponentialMovingAverage'

test('average(state) has the type of the params', () => {
  const ema = exponentialMovingAverage({ decay: 0.9 })
  const state = ema.init({ w: tensor([1]), layers: [{ b: tensor([2]) }] })
  expectTypeOf(average(state)).toEqualTypeOf<{ w: Tensor; layers: { b: Tensor }[] }>()
})
