// The run module of examples/10-sweep.ts: the regularization section's network
// (seed/regularizationModel.ts) trained with one L2 strength and one Adam
// learning rate, on the first 100 of the 150 points, and evaluated on the other
// 50 every 50 steps. Each worker thread of the sweep imports this file by path
// and calls its default export with one config.
import { l2, meanSquaredError, regularization, weightsOnly } from '@gradstream/losses'
import type { MlpParams } from '@gradstream/nn'
import { adam } from '@gradstream/optimizers'
import { defineRun } from '@gradstream/sweep'
import { slice } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { evaluate, fit } from '@gradstream/train'
import { circleData, mseLoss, net } from './regularizationModel'

/** One run of the sweep: the L2 scale, Adam's learning rate and how many full-batch steps. */
export type RegularizationConfig = { readonly l2: number; readonly lr: number; readonly steps: number }

export default defineRun((config: RegularizationConfig, { resumeFrom }) => {
  const { x, y } = circleData()
  const rows = (t: Tensor, start: number, count: number) => slice(t, [start, 0], [count, -1])
  const train = { x: rows(x, 0, 100), y: rows(y, 0, 100) }
  const validation = { x: rows(x, 100, 50), y: rows(y, 100, 50) }
  return fit({
    params: net.init(),
    loss: (p: MlpParams, batch) => ({
      l2: regularization(l2(config.l2), p, weightsOnly),
      mse: mseLoss(p, batch.x, batch.y),
    }),
    optimizer: adam,
    learningRate: config.lr,
    data: train,
    steps: config.steps,
    batching: { order: 'full' },
    ...(resumeFrom === undefined ? {} : { resumeFrom }),
  }).pipe(evaluate({ data: validation, predict: (p, input) => net.apply(p, input), loss: meanSquaredError, every: 50 }))
})
