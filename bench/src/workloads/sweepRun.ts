// The sweep workload's run module: an MLP [8, 32, 32, 1] (relu) fitted by Adam to a fixed regression target on
// 256 rows, full batch, for `steps` steps. Worker threads import it by path; its seed makes every run repeatable.
import { meanSquaredError } from '@gradstream/losses'
import { mlp } from '@gradstream/nn'
import type { MlpParams } from '@gradstream/nn'
import { adam } from '@gradstream/optimizers'
import { defineRun } from '@gradstream/sweep'
import { randomUniform, relu, sin, sum } from '@gradstream/tensor'
import { fit } from '@gradstream/train'

export type SweepRunConfig = { readonly steps: number; readonly lr: number; readonly seed: number }

const net = mlp({ sizes: [8, 32, 32, 1], activation: relu, outputActivation: (x) => x })

export default defineRun(({ steps, lr, seed }: SweepRunConfig, { resumeFrom }) => {
  const x = randomUniform([256, 8], { seed, minval: -1, maxval: 1 })
  const y = sin(sum(x, 1, true))
  return fit({
    params: net.init(seed),
    loss: (p: MlpParams, batch) => meanSquaredError(batch.y, net.apply(p, batch.x)),
    optimizer: adam,
    learningRate: lr,
    data: { x, y },
    steps,
    batching: { order: 'full' },
    ...(resumeFrom === undefined ? {} : { resumeFrom }),
  })
})
