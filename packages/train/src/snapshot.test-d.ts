// Type promises of the stream, checked by the typecheck (tsc --noEmit).
import type { AdamState } from '@gradstream/optimizers'
import { adam, sgd } from '@gradstream/optimizers'
import { matMul, mean, square, sub, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { Observable } from 'rxjs'
import { expectTypeOf } from 'vitest'
import { fit } from './fit'
import type { Snapshot } from './snapshot'

const params = { w: tensor([[1], [2]]), layers: [{ b: tensor([0]) }] }
type P = typeof params
const run$ = fit({
  params,
  loss: (p, batch) => mean(square(sub(matMul(batch.x, p.w), batch.y))),
  optimizer: adam,
  learningRate: 0.01,
  data: { x: tensor([[1, 2]]), y: tensor([[3]]) },
  steps: 1,
})

expectTypeOf(run$).toEqualTypeOf<Observable<Snapshot<P, AdamState, undefined, undefined>>>()
// ...and is a Snapshot<P, AdamState> wherever one is expected.
expectTypeOf(run$).toMatchTypeOf<Observable<Snapshot<P, AdamState>>>()

declare const snapshot: Snapshot<P, AdamState>
// Parameters, gradients and the average have the parameters' own type.
expectTypeOf(snapshot.params).toEqualTypeOf<P>()
expectTypeOf(snapshot.grads).toEqualTypeOf<P | undefined>()
expectTypeOf(snapshot.ema).toEqualTypeOf<P | undefined>()
expectTypeOf(snapshot.params.layers[0]!.b).toEqualTypeOf<Tensor>()

// @ts-expect-error snapshots are readonly
snapshot.step = 2
// @ts-expect-error so are their loss terms
snapshot.losses.mse = 0

fit({
  params,
  // @ts-expect-error the loss receives the parameters' type: there is no `v`
  loss: (p) => p.v,
  optimizer: sgd(0.1),
  data: { x: tensor([[1, 2]]), y: tensor([[3]]) },
  steps: 1,
})
