import { expectTypeOf, test } from 'vitest'
import type { Tensor } from '@gradstream/tensor'
import { batchNorm } from './batchNorm'
import type { BatchNormParams, BatchNormState } from './batchNorm'
import { dense } from './dense'
import { dropout } from './dropout'
import type { EmptyTree } from './layer'
import type { DenseParams, KernelParams } from './layerParams'
import { sequential } from './sequential'

test('sequential types params and state by layer name', () => {
  const model = sequential({
    fc: dense({ inputSize: 2, outputSize: 3 }),
    bn: batchNorm({ size: 3 }),
    drop: dropout({ rate: 0.1 }),
    out: dense({ inputSize: 3, outputSize: 1, useBias: false }),
  })
  const params = model.init(0)
  expectTypeOf(params.fc).toEqualTypeOf<DenseParams>()
  expectTypeOf(params.bn).toEqualTypeOf<BatchNormParams>()
  expectTypeOf(params.drop).toEqualTypeOf<EmptyTree>()
  expectTypeOf(params.out).toEqualTypeOf<KernelParams>()
  const state = model.initState()
  expectTypeOf(state.bn).toEqualTypeOf<BatchNormState>()
  // @ts-expect-error dense has no state, so the state has no entry for it
  void state.fc
  const result = model.apply(params, params.fc.w, { state })
  expectTypeOf(result.output).toEqualTypeOf<Tensor>()
  expectTypeOf(result.state).toEqualTypeOf(state)
})
