// The seed's two training problems as gradstream runs them, shared by the autodiff, training and memory
// workloads. Data and models come from examples/seed, so the bench times exactly what the examples train.
import type { Params, Tensor } from '@gradstream/tensor'
import { asymmetricLoss, meanSquaredError } from '@gradstream/losses'
import type { MlpParams } from '@gradstream/nn'
import { add, matMul, randomNormal, slice } from '@gradstream/tensor'
import type { Batch } from '@gradstream/train'
import { customLossData } from '../../examples/seed/customLossData'
import { circleData, l2Loss, mseLoss, net } from '../../examples/seed/regularizationModel'

/** A model, its data and its loss: what one training step needs. */
export interface Problem<P extends Params> {
  /** All rows; a step trains on `batchSize` of them. */
  readonly data: Batch
  readonly batchSize: number
  readonly params: P
  /** The loss as named terms, summed for the gradient (the seed's `add_n` of its `losses` collection). */
  readonly loss: (params: P, batch: Batch) => Record<string, Tensor>
}

export type LinearParams = { readonly w1: Tensor }

/** Sums named loss terms left to right, as `train` does. */
export const totalLoss = (terms: Record<string, Tensor>): Tensor =>
  Object.values(terms).reduce((sum, term) => add(sum, term))

/** The seed's asymmetric loss (predicting too little costs 10 per unit, too much 1) or the mean squared error. */
export type LinearLoss = 'asymmetric' | 'mse'

/** The custom-loss section: y = x·w1 on 128 rows in batches of 8, w1 from TF1's random_normal with seed 1. */
export function linearProblem(loss: LinearLoss): Problem<LinearParams> {
  const lossOf =
    loss === 'mse'
      ? (labels: Tensor, predictions: Tensor) => meanSquaredError(labels, predictions)
      : asymmetricLoss({ under: 10, over: 1 })
  return {
    data: customLossData(),
    batchSize: 8,
    params: { w1: randomNormal([2, 1], { stddev: 1, seed: 1 }) },
    loss: ({ w1 }, batch) => ({ loss: lossOf(batch.y, matMul(batch.x, w1)) }),
  }
}

/** The regularization section: the [2, 10, 5, 3, 1] elu network on all 150 points, L2 0.003 on its weights. */
export function mlpProblem(): Problem<MlpParams> {
  const data = circleData()
  return {
    data,
    batchSize: data.x.shape[0]!,
    params: net.init(),
    loss: (params, batch) => ({ l2: l2Loss(params), mse: mseLoss(params, batch.x, batch.y) }),
  }
}

/** Batch `step` of `problem`, rows `(step * batchSize) % n` onward, as the seed and `batches`' 'cycle' order take it. */
export function batchAt({ data, batchSize }: Pick<Problem<Params>, 'data' | 'batchSize'>, step: number): Batch {
  const n = data.x.shape[0]!
  if (batchSize === n) return data
  const start = (step * batchSize) % n
  const size = Math.min(batchSize, n - start)
  const rows = (t: Tensor) => slice(t, [start, 0], [size, t.shape[1]!])
  return { x: rows(data.x), y: rows(data.y) }
}
