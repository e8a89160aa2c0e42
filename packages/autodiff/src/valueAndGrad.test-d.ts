import type { Tensor } from '@gradstream/tensor'
import { expectTypeOf } from 'vitest'
import { checkGrad } from './checkGrad'
import type { CheckGradResult } from './checkGrad'
import { grad, valueAndGrad } from './valueAndGrad'
import { vjp } from './vjp'

type Model = { w1: Tensor; layers: readonly { w: Tensor; b: Tensor }[] }
declare const model: Model
declare const batch: { x: Tensor; y: Tensor }
declare const loss: (p: Model, batch: { x: Tensor; y: Tensor }) => Tensor

// Gradients have exactly the params' type; extra arguments keep theirs.
const step = valueAndGrad(loss)
expectTypeOf(step).parameters.toEqualTypeOf<[Model, { x: Tensor; y: Tensor }]>()
expectTypeOf(step(model, batch).grads).toEqualTypeOf<Model>()
expectTypeOf(step(model, batch).value).toEqualTypeOf<Tensor>()
expectTypeOf(grad(loss)(model, batch)).toEqualTypeOf<Model>()
expectTypeOf(grad((x: Tensor) => x)(model.w1)).toEqualTypeOf<Tensor>()
expectTypeOf(grad((xs: [Tensor, Tensor]) => xs[0])).returns.toEqualTypeOf<[Tensor, Tensor]>()
expectTypeOf(vjp(loss, model, batch).vjp).returns.toEqualTypeOf<Model>()
expectTypeOf(checkGrad((p: Model) => p.w1, model)).toEqualTypeOf<CheckGradResult>()

// @ts-expect-error: the batch argument is required
step(model)
// @ts-expect-error: params must be a pytree of tensors
valueAndGrad((_p: { lr: number }) => model.w1)
