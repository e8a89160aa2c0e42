import { checkBoolean, checkOptions } from '@gradstream/core'
import { normalizeAxes } from '../shape'
import type { Tensor } from '../tensor'
import { checkDTypeIn, checkTensor, FLOAT } from './argumentChecks'
import { square, sub } from './arithmetic'
import { mean } from './reductions'
import type { Axis } from './reductions'
import { reshape } from './reshape'
import { stopGradient } from './stopGradient'

/**
 * Options of {@link moments}.
 * @example moments(x, [0], { keepDims: true })
 */
export interface MomentsOptions {
  /** Keep the reduced axes as length 1; default false. */
  readonly keepDims?: boolean
}

/**
 * The mean and variance of {@link moments}, each with the reduced shape.
 * @example const { mean, variance }: Moments = moments(x, 0)
 */
export interface Moments {
  readonly mean: Tensor
  readonly variance: Tensor
}

const OPTION_KEYS = ['keepDims']

/**
 * Mean and (population) variance over `axes`, as TF1's `tf.nn.moments`
 * computes them without `shift`:
 *
 *   mean = reduce_mean(x, axes, keepdims=True)
 *   variance = reduce_mean(squared_difference(x, stop_gradient(mean)), axes, keepdims=True)
 *
 * with the reduced axes then squeezed unless `keepDims`. In float32 each
 * step rounds as those ops do: the difference, its square, the sequential
 * sum, the division by the count. The mean goes into the variance through
 * `stopGradient`, as in TF1: the gradient it would pass is Σ(x − mean) times
 * a constant, zero up to rounding, so the variance's gradient is
 * 2(x − mean)/n.
 *
 * @example
 * const { mean, variance } = moments(tensor([[1, 2], [3, 6]]), 0)
 * mean.toArray() // [2, 4]
 * variance.toArray() // [1, 4]
 */
export function moments(x: Tensor, axes: Axis, options: MomentsOptions = {}): Moments {
  checkTensor('moments', 'x', x)
  checkDTypeIn('moments', 'x', x, FLOAT)
  const reduced = normalizeAxes('moments', axes, x.rank)
  checkOptions('moments', options, OPTION_KEYS)
  const { keepDims = false } = options
  checkBoolean('moments', 'keepDims', keepDims)
  const average = mean(x, reduced, true)
  const variance = mean(square(sub(x, stopGradient(average))), reduced, true)
  if (keepDims) return { mean: average, variance }
  const shape = x.shape.filter((_, axis) => !reduced.includes(axis))
  return { mean: reshape(average, shape), variance: reshape(variance, shape) }
}
