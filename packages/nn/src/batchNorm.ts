import { checkInRange, checkInteger, checkOptions, checkPositive } from '@gradstream/core'
import { fill, moments, mul, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { batchNormalization } from './batchNormalization'
import { checkApplyOptions } from './layer'
import type { StatefulLayer } from './layer'
import { checkFloatInput, checkTensorRecord } from './layerParams'
import { checkShape } from './sizeChecks'

/**
 * Options of {@link batchNorm}.
 * @example batchNorm({ size: 16, momentum: 0.9 } satisfies BatchNormOptions)
 */
export interface BatchNormOptions {
  /** Length of the last axis (the channels), normalized per entry; an integer >= 1. */
  readonly size: number
  /** Weight of the old moving statistics in each update, in [0, 1]; default 0.99 (`tf.layers.batch_normalization`). */
  readonly momentum?: number
  /** Added to the variance before the square root, > 0; default 1e-3 (`tf.layers.batch_normalization`). */
  readonly epsilon?: number
}

/**
 * The trained parameters of {@link batchNorm}: scale `gamma` (ones at init) and offset `beta` (zeros), each [size].
 * @example const params: BatchNormParams = batchNorm({ size: 2 }).init() // { gamma: [1, 1], beta: [0, 0] }
 */
export type BatchNormParams = { readonly gamma: Tensor; readonly beta: Tensor }

/**
 * The state of {@link batchNorm}: `movingMean` (zeros at init) and `movingVariance` (ones), each [size].
 * @example const state: BatchNormState = batchNorm({ size: 2 }).initState()
 */
export type BatchNormState = { readonly movingMean: Tensor; readonly movingVariance: Tensor }

/**
 * A batch-normalization layer.
 * @example
 * const bn: BatchNorm = batchNorm({ size: 3 })
 * bn.apply(bn.init(), ones([2, 3]), { state: bn.initState() }).output.shape // [2, 3]
 */
export interface BatchNorm extends StatefulLayer<BatchNormParams, BatchNormState> {
  readonly size: number
  readonly momentum: number
  readonly epsilon: number
}

const KNOWN = ['size', 'momentum', 'epsilon']

/**
 * Batch normalization over the last axis, `tf.layers.batch_normalization(x,
 * training=training)` with `axis=-1` and its defaults (momentum 0.99,
 * epsilon 1e-3, gamma ones, beta zeros, moving mean zeros, moving variance
 * ones). While training, each channel is normalized with the mean and biased
 * variance of the batch (over every axis but the last, `tf.nn.moments`) and
 * the returned state holds `moving − (moving − batch)·(1 − momentum)`, TF's
 * `assign_sub` form of `moving·momentum + batch·(1 − momentum)`. Outside
 * training the moving statistics normalize and the state comes back as passed.
 * The output is `x·inv + (beta − mean·inv)` with `inv = gamma / √(variance + epsilon)`.
 * TF1 uses its fused kernel for 4-D inputs unless `fused=False`, and that kernel
 * updates the moving variance with the unbiased batch variance (·n/(n−1));
 * gradstream follows the non-fused (`fused=False`) path for every rank.
 *
 * @example
 * const bn = batchNorm({ size: 1 })
 * const { output, state } = bn.apply(bn.init(), tensor([[1], [3]]), { state: bn.initState(), training: true })
 * output.toArray() // [[-0.9995], [0.9995]] (to float32): (x − 2) / √(1 + 0.001)
 * state.movingMean.toArray() // [0.02]
 */
export function batchNorm(options: BatchNormOptions): BatchNorm {
  checkOptions('batchNorm', options, KNOWN)
  const { size, momentum = 0.99, epsilon = 1e-3 } = options
  checkInteger('batchNorm', 'size', size, 1)
  checkShape('batchNorm', 'gamma', [size])
  checkInRange('batchNorm', 'momentum', momentum, 0, 1)
  checkPositive('batchNorm', 'epsilon', epsilon)
  const shapes = { gamma: [size], beta: [size] }
  const stateShapes = { movingMean: [size], movingVariance: [size] }
  const layout = `[batch, ..., ${size}]`
  // TF1 computes 1 − momentum in double, then makes it a tensor of the variable's dtype.
  const decay = 1 - momentum
  return {
    size,
    momentum,
    epsilon,
    init: () => Object.freeze({ gamma: fill([size], 1), beta: fill([size], 0) }),
    initState: () => Object.freeze({ movingMean: fill([size], 0), movingVariance: fill([size], 1) }),
    apply: (params, x, applyOptions = {}) => {
      checkTensorRecord('batchNorm', 'params', params, shapes)
      const { state, training } = checkApplyOptions('batchNorm', applyOptions)
      checkTensorRecord('batchNorm', 'state', state, stateShapes)
      const moving: BatchNormState = state
      checkFloatInput('batchNorm', x, 2, layout, size)
      if (!training) {
        const statistics = { mean: moving.movingMean, variance: moving.movingVariance }
        return { output: batchNormalization(x, statistics, params.beta, params.gamma, epsilon), state: moving }
      }
      // Per channel, over every other axis: mean and variance have shape [size], as the moving statistics.
      const batch = moments(
        x,
        Array.from({ length: x.rank - 1 }, (_, axis) => axis),
      )
      const movingMean = sub(moving.movingMean, mul(sub(moving.movingMean, batch.mean), decay))
      const movingVariance = sub(moving.movingVariance, mul(sub(moving.movingVariance, batch.variance), decay))
      const output = batchNormalization(x, batch, params.beta, params.gamma, epsilon)
      return { output, state: Object.freeze({ movingMean, movingVariance }) }
    },
  }
}
