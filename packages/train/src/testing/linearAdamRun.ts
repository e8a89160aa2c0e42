import { adam } from '@gradstream/optimizers'
import { fit } from '../fit'
import type { BatchesOptions } from '../batches'
import { linearProblem } from './linearProblem'

/**
 * The checkpoint tests' run: `linearProblem` fitted with Adam(0.01) in shuffled batches of 4 (seed 3) for `steps`
 * steps, continuing `resumeFrom` when given; `batching` adds to the batching options (`yieldEverySteps`).
 */
export function linearAdamRun(
  steps: number,
  { resumeFrom, batching }: { resumeFrom?: string; batching?: Partial<BatchesOptions> } = {},
) {
  const { x, y, params, loss } = linearProblem()
  return fit({
    params,
    loss,
    optimizer: adam,
    learningRate: 0.01,
    data: { x, y },
    steps,
    batching: { batchSize: 4, order: 'shuffle', seed: 3, ...batching },
    ...(resumeFrom === undefined ? {} : { resumeFrom }),
  })
}
