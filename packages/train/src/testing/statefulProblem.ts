import { meanSquaredError } from '@gradstream/losses'
import { batchNorm, dense, dropout, sequential } from '@gradstream/nn'
import { relu } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { StepContext } from '../trainOptions'
import { linearProblem } from './linearProblem'

/**
 * The tests' regression problem with a model that has both kinds of state:
 * batch norm's moving statistics and dropout's masks. The loss returns the
 * new state and the predictions (`aux`) from its one forward pass.
 */
export function statefulProblem() {
  const { x, y } = linearProblem()
  const model = sequential({
    hidden: dense({ inputSize: 2, outputSize: 4, activation: relu }),
    norm: batchNorm({ size: 4 }),
    drop: dropout({ rate: 0.5 }),
    out: dense({ inputSize: 4, outputSize: 1 }),
  })
  type State = ReturnType<typeof model.initState>
  const params = model.init(1)
  const modelState = model.initState()
  const loss = (p: typeof params, batch: { readonly x: Tensor; readonly y: Tensor }, context: StepContext<State>) => {
    const { output, state } = model.apply(p, batch.x, context)
    return { loss: meanSquaredError(batch.y, output), state, aux: { predictions: output } }
  }
  return { x, y, model, params, modelState, loss }
}
