import { FLOAT, NUMERIC } from './argumentChecks'
import { unaryOp } from './elementwise'

// TF1 gives these no gradient: they are piecewise constant, so autodiff treats their results as constants.

/**
 * The largest integer not greater than `x`, elementwise (TF's `tf.floor`; float dtypes). ±0, ±inf and NaN map
 * to themselves. Not differentiable, as in TF1.
 * @example floor(tensor([1.5, -1.5])).toArray() // [1, -2]
 */
export const floor = unaryOp('floor', { dtypes: FLOAT })

/**
 * The smallest integer not less than `x`, elementwise (TF's `tf.ceil`; float dtypes); `ceil(-0.5)` is -0.
 * Not differentiable, as in TF1.
 * @example ceil(tensor([1.5, -1.5])).toArray() // [2, -1]
 */
export const ceil = unaryOp('ceil', { dtypes: FLOAT })

/**
 * The nearest integer, halves to the even one (TF's `tf.round`, banker's rounding, not JavaScript's
 * `Math.round`): 0.5 → 0, 1.5 → 2, 2.5 → 2, -2.5 → -2. It follows TF1's kernel step by step (floor, then the
 * fraction), so a negative value that rounds to zero gives +0 (`round(-0.4)` is 0, not -0), while -0 stays
 * -0. On int32 it returns the values unchanged. Not differentiable, as in TF1.
 * @example round(tensor([0.5, 1.5, 2.5, -2.5, 2.6])).toArray() // [0, 2, 2, -2, 3]
 */
export const round = unaryOp('round', { dtypes: NUMERIC })
