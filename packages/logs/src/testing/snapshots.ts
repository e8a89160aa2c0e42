// Snapshots for the loggers' tests: the fields the loggers read, with a param tree for histograms.
import { tensor } from '@gradstream/tensor'
import type { TensorBoardSnapshot } from '../tensorboard/tensorBoard'

const params = {
  layers: [
    {
      w: tensor([
        [0.5, -1],
        [2, 0],
      ]),
      b: tensor([0.25, 0]),
    },
  ],
}

/** Steps 1..count of a run of two loss terms and epochs of `perEpoch` steps, evaluated at each epoch's end. */
export function runSnapshots(count: number, perEpoch = 2): TensorBoardSnapshot[] {
  return Array.from({ length: count }, (_, i) => {
    const step = i + 1
    const snapshot = {
      step,
      epoch: Math.ceil(step / perEpoch),
      params,
      loss: 1 / step,
      losses: { mse: 0.75 / step, l2: 0.25 / step },
      learningRate: 0.1,
    }
    return step % perEpoch === 0 ? { ...snapshot, eval: { loss: 0.5 / step, accuracy: step / (step + 1) } } : snapshot
  })
}
