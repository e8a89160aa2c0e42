import { checkInteger, checkOptions, checkPositive, ConfigError } from '@gradstream/core'
import { fill, moments } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { batchNormalization } from './batchNormalization'
import type { Layer } from './layer'
import { checkFloatInput, checkTensorRecord } from './layerParams'
import { checkShape } from './sizeChecks'

/**
 * Options of {@link layerNorm}.
 * @example layerNorm({ size: 64, beginNormAxis: -1 } satisfies LayerNormOptions)
 */
export interface LayerNormOptions {
  /** Length of the last axis, which `gamma` and `beta` scale and shift; an integer >= 1. */
  readonly size: number
  /** First axis of the normalization (to the last); default 1, every axis but the batch, as TF1. Negative counts from the end. */
  readonly beginNormAxis?: number
  /** Added to the variance before the square root, > 0; default 1e-12, as TF1's `layer_norm`. */
  readonly epsilon?: number
}

/**
 * The parameters of {@link layerNorm}: scale `gamma` (ones at init) and offset `beta` (zeros), each [size].
 * @example const params: LayerNormParams = layerNorm({ size: 4 }).init()
 */
export type LayerNormParams = { readonly gamma: Tensor; readonly beta: Tensor }

/**
 * A layer-normalization layer.
 * @example
 * const norm: LayerNorm = layerNorm({ size: 3 })
 * norm.apply(norm.init(), tensor([[1, 2, 3]])).shape // [1, 3]
 */
export interface LayerNorm extends Layer<LayerNormParams> {
  readonly size: number
  readonly beginNormAxis: number
  readonly epsilon: number
}

const KNOWN = ['size', 'beginNormAxis', 'epsilon']

/**
 * Layer normalization, TF1's `tf.contrib.layers.layer_norm(x,
 * begin_norm_axis, begin_params_axis=-1)`: each example is normalized with
 * the mean and biased variance of its axes from `beginNormAxis` on
 * (`tf.nn.moments`), then scaled by `gamma` and shifted by `beta` along the
 * last axis: `x·inv + (beta − mean·inv)` with `inv = gamma / √(variance + 1e-12)`.
 * No state, no randomness: the same in training and inference. (Keras's
 * `LayerNormalization` normalizes the last axis only with epsilon 1e-3; pass
 * `{ beginNormAxis: -1, epsilon: 1e-3 }` for it.)
 *
 * @example
 * const norm = layerNorm({ size: 2 })
 * norm.apply(norm.init(), tensor([[1, 3]])).toArray() // [[-1, 1]]
 */
export function layerNorm(options: LayerNormOptions): LayerNorm {
  checkOptions('layerNorm', options, KNOWN)
  const { size, beginNormAxis = 1, epsilon = 1e-12 } = options
  checkInteger('layerNorm', 'size', size, 1)
  checkShape('layerNorm', 'gamma', [size])
  checkInteger('layerNorm', 'beginNormAxis', beginNormAxis)
  checkPositive('layerNorm', 'epsilon', epsilon)
  const shapes = { gamma: [size], beta: [size] }
  return {
    size,
    beginNormAxis,
    epsilon,
    init: () => Object.freeze({ gamma: fill([size], 1), beta: fill([size], 0) }),
    apply: (params, x) => {
      checkTensorRecord('layerNorm', 'params', params, shapes)
      checkFloatInput('layerNorm', x, 1, `[..., ${size}]`, size)
      const begin = beginNormAxis < 0 ? beginNormAxis + x.rank : beginNormAxis
      if (begin < 0 || begin >= x.rank) {
        throw new ConfigError(
          'layerNorm',
          `beginNormAxis ${beginNormAxis} is outside the axes of x, rank ${x.rank} (from ${-x.rank} to ${x.rank - 1})`,
        )
      }
      const axes = Array.from({ length: x.rank - begin }, (_, i) => begin + i)
      return batchNormalization(x, moments(x, axes, { keepDims: true }), params.beta, params.gamma, epsilon)
    },
  }
}
