// The regularization section's data set and network, shared by the examples
// that train it: 150 points from np.random.seed(0), label 1 outside the unit
// circle, and the [2, 10, 5, 3, 1] ELU network with its two losses.
import { l2, regularization, weightsOnly } from '@gradstream/losses'
import { constantInit, mlp, randomNormalInit } from '@gradstream/nn'
import type { MlpParams } from '@gradstream/nn'
import { adam } from '@gradstream/optimizers'
import { RandomState, div, elu, pow, sub, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { fit } from '@gradstream/train'
import type { BatchesOptions } from '@gradstream/train'

/** The 150 points: per point uniform(-1, 1), uniform(0, 2), then normal noise on each coordinate, not the label. */
export function circleData(): { readonly x: Tensor; readonly y: Tensor } {
  const rng = new RandomState(0)
  const points: number[][] = []
  const labels: number[][] = []
  for (let i = 0; i < 150; i++) {
    const x1 = rng.uniform(-1, 1)
    const x2 = rng.uniform(0, 2)
    labels.push([x1 ** 2 + x2 ** 2 <= 1 ? 0 : 1])
    points.push([rng.normal(x1, 0.1), rng.normal(x2, 0.1)])
  }
  return { x: tensor(points), y: tensor(labels) }
}

/**
 * The network: elu after every layer, weights from a standard normal, biases
 * 0.1. The seed's weights were unseeded; seed 7 gives runs like the printed
 * ones: the error alone falls to 2.9e-5, and with L2 the loss settles at 0.054951.
 */
export const net = mlp({
  sizes: [2, 10, 5, 3, 1],
  activation: elu,
  kernelInitializer: randomNormalInit(),
  biasInitializer: constantInit(0.1),
  seed: 7,
})

/** reduce_sum(pow(y_ - y, 2)) / sample_size */
export const mseLoss = (p: MlpParams, x: Tensor, y: Tensor): Tensor =>
  div(sum(pow(sub(y, net.apply(p, x)), 2)), x.shape[0]!)

/** The functional form of add_to_collection('losses', l2_regularizer(0.003)(weight)) for each weight. */
export const l2Loss = (p: MlpParams): Tensor => regularization(l2(0.003), p, weightsOnly)

export type LossTerms = (p: MlpParams, x: Tensor, y: Tensor) => Record<string, Tensor>

/** The two runs' losses as named terms; with L2 the penalty comes first, as in the seed's collection. */
export const runs: Readonly<Record<'no L2' | 'with L2', LossTerms>> = {
  'no L2': (p, x, y) => ({ mse: mseLoss(p, x, y) }),
  'with L2': (p, x, y) => ({ l2: l2Loss(p), mse: mseLoss(p, x, y) }),
}

/**
 * One of the seed's runs as a cold stream: Adam(0.001) on all 150 points
 * every step, from the network's initial parameters.
 */
export function trainRun(
  terms: LossTerms,
  steps: number,
  batching: Omit<BatchesOptions, 'order' | 'startStep' | 'steps'> = {},
) {
  const data = circleData()
  return fit({
    params: net.init(),
    loss: (p, batch) => terms(p, batch.x, batch.y),
    optimizer: adam,
    learningRate: 0.001,
    data,
    steps,
    batching: { order: 'full', ...batching },
  })
}
