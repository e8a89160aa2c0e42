import type { Tensor } from '@gradstream/tensor'
import { expectTypeOf } from 'vitest'
import { checkGrad } from './checkGrad'
import { customVjp } from './customVjp'
import { hessian } from './hessian'
import { jacobian } from './jacobian'
import { jvp } from './jvp'
import type { JvpResult } from './jvp'
import type { CheckGradResult } from './checkGrad'
import { grad, valueAndGrad } from './valueAndGrad'
import type { ValueAndGradWithAux } from './valueAndGrad'
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

// hasAux: aux keeps the type f gave it; grad returns [grads, aux] as jax.grad.
declare const withState: (
  p: Model,
  batch: { x: Tensor; y: Tensor },
) => readonly [Tensor, { logits: Tensor; step: number }]
const auxStep = valueAndGrad(withState, { hasAux: true })
expectTypeOf(auxStep).parameters.toEqualTypeOf<[Model, { x: Tensor; y: Tensor }]>()
expectTypeOf(auxStep(model, batch).aux).toEqualTypeOf<{ logits: Tensor; step: number }>()
expectTypeOf(auxStep(model, batch).grads).toEqualTypeOf<Model>()
expectTypeOf(grad(withState, { hasAux: true })(model, batch)).toEqualTypeOf<[Model, { logits: Tensor; step: number }]>()
expectTypeOf(grad((x: Tensor) => [x, 'note'] as const, { hasAux: true })(model.w1)).toEqualTypeOf<[Tensor, 'note']>()

// argnums: one index gives that argument's type, a list a tuple in its order.
declare const three: (a: Tensor, lr: number, p: Model) => Tensor
expectTypeOf(grad(three, { argnums: 2 })(model.w1, 0.1, model)).toEqualTypeOf<Model>()
expectTypeOf(grad(three, { argnums: [2, 0] })(model.w1, 0.1, model)).toEqualTypeOf<[Model, Tensor]>()
expectTypeOf(valueAndGrad(three, { argnums: [0] })(model.w1, 0.1, model).grads).toEqualTypeOf<[Tensor]>()
declare const threeAux: (a: Tensor, lr: number, p: Model) => readonly [Tensor, string]
expectTypeOf(valueAndGrad(threeAux, { argnums: [0, 2], hasAux: true })(model.w1, 0.1, model)).toEqualTypeOf<
  ValueAndGradWithAux<[Tensor, Model], string>
>()
expectTypeOf(grad(threeAux, { argnums: 0, hasAux: true })(model.w1, 0.1, model)).toEqualTypeOf<[Tensor, string]>()

// @ts-expect-error: argnums picks only pytrees of tensors (lr is a number)
grad(three, { argnums: 1 })
// @ts-expect-error: argnums picks only pytrees of tensors, also in a list
grad(three, { argnums: [0, 1] })
// @ts-expect-error: argnums past the parameters
grad(three, { argnums: 3 })

// @ts-expect-error: with hasAux, f returns [loss, aux]
valueAndGrad(loss, { hasAux: true })
// @ts-expect-error: without hasAux, f returns a tensor
valueAndGrad(withState)
// @ts-expect-error: hasAux is a literal true or false
valueAndGrad(loss, { hasAux: Math.random() > 0.5 })

// @ts-expect-error: the batch argument is required
step(model)
// @ts-expect-error: params must be a pytree of tensors
valueAndGrad((_p: { lr: number }) => model.w1)

// customVjp keeps the inputs' types; the rule returns one gradient or null per input.
const firstOnly = (x: Tensor, _y: Tensor) => x
const scaled = customVjp(firstOnly, (g) => [g, null])
expectTypeOf(scaled).toEqualTypeOf<(x: Tensor, _y: Tensor) => Tensor>()
// @ts-expect-error: one gradient per input
customVjp(firstOnly, (g) => [g])
const identity = (x: Tensor) => x
// @ts-expect-error: gradients are tensors or null
customVjp(identity, () => [1])

// jvp takes the arguments as a tuple, tangents of the same types.
declare const twoArgs: (x: Tensor, p: Model) => Tensor
expectTypeOf(jvp(twoArgs, [model.w1, model], [model.w1, model])).toEqualTypeOf<JvpResult>()
// @ts-expect-error: the tangents have the primals' types
jvp(twoArgs, [model.w1, model], [model.w1, model.w1])

// jacobian keeps the params' structure; hessian gives a tree of trees (one tensor for a tensor).
expectTypeOf(jacobian(loss)(model, batch)).toEqualTypeOf<Model>()
expectTypeOf(hessian((x: Tensor, _c: number) => x)).toEqualTypeOf<(x: Tensor, _c: number) => Tensor>()
expectTypeOf(hessian((p: { a: Tensor; b: Tensor[] }) => p.a)).returns.toEqualTypeOf<{
  a: { a: Tensor; b: Tensor[] }
  b: { a: Tensor; b: Tensor[] }[]
}>()
// @ts-expect-error: hessian differentiates pytrees of tensors
hessian((_p: { lr: number }) => model.w1)
