import { meanSquaredError } from '@gradstream/losses'
import { matMul } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { adam } from '@gradstream/optimizers'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { expectTypeOf, it } from 'vitest'
import { fit } from '../fit'
import type { Snapshot } from '../snapshot'
import { linearProblem } from '../testing/linearProblem'
import { statefulProblem } from '../testing/statefulProblem'
import { evaluate } from './evaluate'

it("takes predict's params and model state from the stream it is piped into, and keeps the snapshot type", () => {
  const { x, y, model, params, modelState, loss } = statefulProblem()
  const run$ = fit({
    params,
    loss,
    modelState,
    seed: 1,
    optimizer: adam,
    learningRate: 0.01,
    data: { x, y },
    epochs: 1,
  })
  const evaluated$ = run$.pipe(
    evaluate({
      data: { x, y },
      predict: (p, batch, context) => {
        expectTypeOf(p).toEqualTypeOf<typeof params>()
        expectTypeOf(context.state).toEqualTypeOf<typeof modelState>()
        expectTypeOf(context.training).toEqualTypeOf<false>()
        return model.apply(p, batch, context).output
      },
      loss: meanSquaredError,
    }),
  )
  expectTypeOf(evaluated$).toEqualTypeOf(run$)
})

it('types eval as read-only named numbers, present or not', () => {
  expectTypeOf<Snapshot['eval']>().toEqualTypeOf<Readonly<Record<string, number>> | undefined>()
  // @ts-expect-error: eval is read-only
  const write = (s: Snapshot) => (s.eval!.loss = 1)
  expectTypeOf(write).toBeFunction()
})

it('needs the snapshot type when made outside a pipe', () => {
  type Linear = Snapshot<{ readonly w: Tensor }>
  const { x, y } = linearProblem()
  const operator = evaluate<Linear>({ data: { x, y }, predict: (p, batch) => matMul(batch, p.w) })
  expectTypeOf(operator).toEqualTypeOf<MonoTypeOperatorFunction<Linear>>()
})

it('gives predict an undefined state in a run without model state', () => {
  const { x, y, params, loss } = linearProblem()
  fit({ params, loss, optimizer: adam, learningRate: 0.01, data: { x, y }, steps: 10 }).pipe(
    evaluate({
      data: { x, y },
      predict: (p, batch, context) => {
        expectTypeOf(context.state).toEqualTypeOf<undefined>()
        return matMul(batch, p.w)
      },
      every: 5,
    }),
  )
})
