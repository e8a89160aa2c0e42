// The sweep tests' run module: y = x · [1, 2]ᵀ on 16 fixed rows, fitted by SGD in shuffled batches of 4
// (seed 3), evaluated on the same rows every `evalEvery` steps. `failAtStep` makes the loss throw at that step,
// `exitAtStep` ends the thread it runs on (for worker threads only), `yieldEverySteps` lets other runs of the event
// loop go between steps.
import { sgd } from '@gradstream/optimizers'
import { matMul, mean, square, sub, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { evaluate, fit } from '@gradstream/train'
import type { Snapshot } from '@gradstream/train'
import type { Observable } from 'rxjs'
import { defineRun } from '../defineRun'

export interface LinearRunConfig {
  readonly lr: number
  readonly steps: number
  readonly evalEvery?: number
  readonly failAtStep?: number
  readonly exitAtStep?: number
  readonly yieldEverySteps?: number
}

const rows = Array.from({ length: 16 }, (_, i) => [((i * 7) % 16) / 16 - 0.5, ((i * 5) % 16) / 16 - 0.25])
const predict = ({ w }: { readonly w: Tensor }, x: Tensor) => matMul(x, w)
const meanSquared = (labels: Tensor, predictions: Tensor) => mean(square(sub(predictions, labels)))

export default defineRun<LinearRunConfig>((config, { resumeFrom }) => {
  const x = tensor(rows)
  const y = tensor(rows.map(([a, b]) => [a! + 2 * b!]))
  let step = 0
  const run$ = fit({
    params: { w: tensor([[0.5], [-0.5]]) },
    loss: (params, batch) => {
      step += 1
      if (step === config.failAtStep) throw new RangeError(`failing at step ${step} as asked`)
      if (step === config.exitAtStep) process.exit(3)
      return meanSquared(batch.y, predict(params, batch.x))
    },
    optimizer: sgd,
    learningRate: config.lr,
    data: { x, y },
    steps: config.steps,
    batching: {
      batchSize: 4,
      order: 'shuffle',
      seed: 3,
      ...(config.yieldEverySteps === undefined ? {} : { yieldEverySteps: config.yieldEverySteps }),
    },
    ...(resumeFrom === undefined ? {} : { resumeFrom }),
  })
  const every = config.evalEvery
  const evaluated$ =
    every === undefined ? run$ : run$.pipe(evaluate({ data: { x, y }, predict, loss: meanSquared, every }))
  return evaluated$ as Observable<Snapshot>
})
