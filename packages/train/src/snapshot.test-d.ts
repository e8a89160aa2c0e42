// Type promises of the stream, checked by the typecheck (tsc --noEmit).
import type { AdamState, SgdState } from '@gradstream/optimizers'
import { adam, sgd } from '@gradstream/optimizers'
import { matMul, mean, square, sub, tensor } from '@gradstream/tensor'
import type { RandomKey, Tensor } from '@gradstream/tensor'
import { Subject, of } from 'rxjs'
import type { Draft } from 'immer'
import type { Observable, ObservedValueOf } from 'rxjs'
import { expectTypeOf } from 'vitest'
import { fit } from './fit'
import type { Snapshot, TrainState } from './snapshot'
import type { LearningRateState } from './control/learningRateState'
import type { StateEdit } from './control/stateEdit'

const params = { w: tensor([[1], [2]]), layers: [{ b: tensor([0]) }] }
type P = typeof params
const p0 = tensor([[1, 2]])
const run$ = fit({
  params,
  loss: (p, batch) => mean(square(sub(matMul(batch.x, p.w), batch.y))),
  optimizer: adam,
  learningRate: 0.01,
  data: { x: tensor([[1, 2]]), y: tensor([[3]]) },
  steps: 1,
})

// An optimizer given as a function of the rate keeps the rate in its state, around the optimizer's own...
expectTypeOf(run$).toEqualTypeOf<Observable<Snapshot<P, LearningRateState<AdamState>, undefined, undefined>>>()
// ...and is a Snapshot<P, LearningRateState<AdamState>> wherever one is expected.
expectTypeOf(run$).toMatchTypeOf<Observable<Snapshot<P, LearningRateState<AdamState>>>>()
declare const rated: ObservedValueOf<typeof run$>
expectTypeOf(rated.optimizer.hyperparams.learningRate).toEqualTypeOf<number>()
expectTypeOf(rated.optimizer.inner).toEqualTypeOf<AdamState>()

// A finished transformation keeps its own state.
const finished$ = fit({ params, loss: (p) => mean(p.w), optimizer: sgd(0.1), data: { x: p0, y: p0 }, steps: 1 })
expectTypeOf(finished$).toEqualTypeOf<Observable<Snapshot<P, SgdState, undefined, undefined>>>()

// Recipes of `control` edit a draft of the run's state, typed as it is.
fit({
  params,
  loss: (p) => mean(p.w),
  optimizer: adam,
  learningRate: 0.01,
  data: { x: p0, y: p0 },
  steps: 1,
  control: of<StateEdit<P, LearningRateState<AdamState>>>((draft) => {
    draft.optimizer.hyperparams.learningRate *= 0.5
    draft.params.w = tensor([[0], [0]])
  }),
})
// ...or over immer's own Draft, as immer users write them.
fit({
  params,
  loss: (p) => mean(p.w),
  optimizer: adam,
  learningRate: 0.01,
  data: { x: p0, y: p0 },
  steps: 1,
  control: new Subject<(draft: Draft<TrainState<P, LearningRateState<AdamState>>>) => void>(),
})
declare const edit: StateEdit<P, LearningRateState<AdamState>>
expectTypeOf(edit).parameter(0).toHaveProperty('params').toEqualTypeOf<{ w: Tensor; layers: { b: Tensor }[] }>()

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

// A run with model state: the loss's context and the snapshots carry the state's own type, aux its type.
declare const bnState: { readonly norm: { readonly movingMean: Tensor } }
const stateful$ = fit({
  params,
  modelState: bnState,
  seed: 0,
  loss: (p, batch, context) => {
    expectTypeOf(context.state).toEqualTypeOf(bnState)
    expectTypeOf(context.key).toEqualTypeOf<RandomKey | undefined>()
    return { loss: mean(square(sub(matMul(batch.x, p.w), batch.y))), state: context.state, aux: { logits: batch.x } }
  },
  optimizer: sgd(0.1),
  data: { x: tensor([[1, 2]]), y: tensor([[3]]) },
  epochs: 1,
})
expectTypeOf(stateful$).toMatchTypeOf<Observable<Snapshot<P, unknown, typeof bnState, { logits: Tensor }>>>()
declare const statefulSnapshot: ObservedValueOf<typeof stateful$>
expectTypeOf(statefulSnapshot.modelState).toEqualTypeOf<typeof bnState | undefined>()
expectTypeOf(statefulSnapshot.aux).toEqualTypeOf<{ logits: Tensor } | undefined>()
expectTypeOf(statefulSnapshot.runKey).toEqualTypeOf<RandomKey | undefined>()
expectTypeOf(statefulSnapshot.epoch).toEqualTypeOf<number | undefined>()
