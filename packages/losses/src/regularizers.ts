import { checkNonNegative, checkOptions } from '@gradstream/core'
import { abs, add, l2Loss, mul, scalar, sum, checkFloatTensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/**
 * A penalty on one weight tensor, a scalar of its dtype.
 * @example const penalty: Regularizer = l2(0.003)
 */
export type Regularizer = (weights: Tensor) => Tensor

/** The penalty `scale · penalty(w)`; a zero scale gives a constant 0, as TF1 disables the regularizer. */
function scaled(fn: string, scale: number, penalty: (weights: Tensor) => Tensor): Regularizer {
  return (weights) => {
    // Checked here, so an error names the regularizer rather than an op inside it.
    checkFloatTensor(fn, 'weights', weights)
    return scale === 0 ? scalar(0, weights.dtype) : mul(scale, penalty(weights))
  }
}

/**
 * TF1's `tf.contrib.layers.l1_regularizer(scale)`: `scale · Σ|w|`.
 *
 * @example
 * l1(0.5)(tensor([[1, -2], [-3, 4]])).item() // 5
 */
export function l1(scale: number): Regularizer {
  checkNonNegative('l1', 'scale', scale)
  return scaled('l1', scale, (w) => sum(abs(w)))
}

/**
 * TF1's `tf.contrib.layers.l2_regularizer(scale)`: `scale · Σw² / 2`, i.e.
 * `scale · tf.nn.l2_loss(w)`, computed as TF1 does: one L2Loss op (`l2Loss`
 * from @gradstream/tensor) and one multiply. Keras's and TensorFlow.js's `l2`
 * have no ½: `l2(2 · λ)` here equals their `l2(λ)`.
 *
 * @example
 * l2(0.5)(tensor([[1, -2], [-3, 4]])).item() // 7.5
 */
export function l2(scale: number): Regularizer {
  checkNonNegative('l2', 'scale', scale)
  // One L2Loss op, as TF1: the gradient is then w · scale, one rounding per element.
  return scaled('l2', scale, l2Loss)
}

/**
 * Scales of {@link l1l2}.
 * @example l1l2({ l1: 0.01, l2: 0.02 } satisfies L1L2Options)
 */
export interface L1L2Options {
  /** Scale of the L1 term. */
  readonly l1: number
  /** Scale of the L2 term (TF1's, with the ½). */
  readonly l2: number
}

/**
 * TF1's `tf.contrib.layers.l1_l2_regularizer`: `l1 · Σ|w| + l2 · Σw² / 2`, the
 * L1 term first, as TF1's `sum_regularizer` adds them.
 *
 * @example
 * l1l2({ l1: 0.5, l2: 0.5 })(tensor([[1, -2], [-3, 4]])).item() // 12.5
 */
export function l1l2(options: L1L2Options): Regularizer {
  checkOptions('l1l2', options, ['l1', 'l2'])
  checkNonNegative('l1l2', 'l1', options.l1)
  checkNonNegative('l1l2', 'l2', options.l2)
  const [first, second] = [l1(options.l1), l2(options.l2)]
  return (weights) => {
    checkFloatTensor('l1l2', 'weights', weights)
    return add(first(weights), second(weights))
  }
}
