import type { Tensor } from '../tensor'
import { add, exp, log, log1p, neg, sub, abs, maximum, div } from './arithmetic'
import { lessEqual } from './comparison'
import { checkDTypeIn, checkTensor, FLOAT, NUMERIC } from './argumentChecks'
import { binaryOp, unaryOp } from './elementwise'
import { max, sum } from './reductions'
import { stopGradient } from './stopGradient'
import { where } from './where'
import { zerosLike } from '../creation'
import { normalizeAxis } from '../shape'

// Composites check their arguments first, so errors name the op the caller used, not an inner primitive.
function checkFloat(op: string, name: string, x: Tensor): void {
  checkTensor(op, name, x)
  checkDTypeIn(op, name, x, FLOAT)
}

/**
 * Logistic function `1 / (1 + exp(-x))`, evaluated in float32 step by step
 * as TensorFlow 1.x's CPU kernel does (its gradient rule is `dy * y * (1 - y)`).
 * @example sigmoid(tensor([0])).toArray() // [0.5]
 */
export const sigmoid = unaryOp('sigmoid', { dtypes: FLOAT, kernelFor: { float32: 'sigmoidFloat32' } })

/** Hyperbolic tangent. @example tanh(tensor([0])).toArray() // [0] */
export const tanh = unaryOp('tanh', { dtypes: FLOAT })

/**
 * Exponential linear unit: `x` for x > 0, `exp(x) - 1` otherwise (TensorFlow's `tf.nn.elu`).
 * @example elu(tensor([1, 0])).toArray() // [1, 0]
 */
export const elu = unaryOp('elu', { dtypes: FLOAT })

/**
 * The gradient of `elu` from the upstream gradient `dy` and elu's output `y`
 * (TensorFlow's EluGrad kernel): `dy * (y + 1)` where `y < 0`, `dy` elsewhere.
 * One pass instead of four ops, for backpropagation through elu layers.
 * @example eluGrad(tensor([2, 2]), tensor([-0.5, 1])).toArray() // [1, 2]
 */
export const eluGrad = binaryOp('eluGrad', { dtypes: FLOAT, kernelFor: { float32: 'eluGradFloat32' } })

/**
 * `max(x, 0)`. Built with `where` so that the gradient at exactly 0 is 0, as
 * in TensorFlow, and NaN passes through.
 * @example relu(tensor([-1, 0, 2])).toArray() // [0, 0, 2]
 */
export function relu(x: Tensor): Tensor {
  checkTensor('relu', 'x', x)
  checkDTypeIn('relu', 'x', x, NUMERIC)
  return where(lessEqual(x, 0), zerosLike(x), x)
}

/**
 * `log(1 + exp(x))`, computed as `max(x, 0) + log1p(exp(-|x|))` so large inputs do not overflow.
 * @example softplus(tensor([0])).toArray() // [0.6931472]
 */
export function softplus(x: Tensor): Tensor {
  checkFloat('softplus', 'x', x)
  return add(maximum(x, 0), log1p(exp(neg(abs(x)))))
}

/**
 * `exp(x) / sum(exp(x))` along `axis` (default: last), shifted by the maximum
 * for stability (the shift carries no gradient: softmax does not depend on it).
 * @example softmax(tensor([0, 0])).toArray() // [0.5, 0.5]
 */
export function softmax(logits: Tensor, axis = -1): Tensor {
  checkFloat('softmax', 'logits', logits)
  normalizeAxis('softmax', axis, logits.rank)
  const shifted = sub(logits, stopGradient(max(logits, axis, true)))
  const e = exp(shifted)
  return div(e, sum(e, axis, true))
}

/**
 * `x - log(sum(exp(x)))` along `axis` (default: last), computed stably.
 * @example logSoftmax(tensor([0, 0])).toArray() // [-0.6931472, -0.6931472]
 */
export function logSoftmax(logits: Tensor, axis = -1): Tensor {
  checkFloat('logSoftmax', 'logits', logits)
  normalizeAxis('logSoftmax', axis, logits.rank)
  const shifted = sub(logits, stopGradient(max(logits, axis, true)))
  return sub(shifted, log(sum(exp(shifted), axis, true)))
}
