import { checkBoolean, checkFinite, checkOptions, ShapeError } from '@gradstream/core'
import type { Tensor } from '../tensor'
import { add, exp, log, log1p, neg, sub, abs, maximum, minimum, div, mul, pow } from './arithmetic'
import { greater, greaterEqual, less, lessEqual } from './comparison'
import { checkDTypeIn, checkTensor, FLOAT, NUMERIC } from './argumentChecks'
import { binaryOp, unaryOp } from './elementwise'
import { isFinite } from './predicates'
import { max, sum } from './reductions'
import type { Axis } from './reductions'
import { reshape } from './reshape'
import { erf } from './specialFunctions'
import { stopGradient } from './stopGradient'
import { where } from './where'
import { zerosLike } from '../creation'
import { formatShape, normalizeAxes, normalizeAxis } from '../shape'

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
 * `max(x, 0)` in one pass (TF's Relu): -0 gives +0 and NaN passes through. Its gradient is
 * {@link reluGrad}, 0 at exactly 0 as in TensorFlow.
 * @example relu(tensor([-1, 0, 2])).toArray() // [0, 0, 2]
 */
export const relu = unaryOp('relu', { dtypes: NUMERIC })

/**
 * The gradient of `relu` from the upstream gradient `dy` and relu's output `y`, TensorFlow's ReluGrad:
 * `dy` where `y > 0`, 0 where `y <= 0`. Where `y` is NaN it passes `dy` (TF's kernel multiplies by
 * `y > 0` and would give 0 there); that keeps relu's gradients what they were when relu was a `where`.
 * One pass, and it is its own gradient in `dy` (TF's ReluGradGrad), nothing in `y`.
 * @example reluGrad(tensor([5, 5, 5]), tensor([0, 1, 2])).toArray() // [0, 5, 5]
 */
export const reluGrad = binaryOp('reluGrad', { dtypes: NUMERIC })

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

/**
 * `x` where x > 0 and `alpha · x` elsewhere (TF's `tf.nn.leaky_relu`, alpha 0.2 by default; float dtypes).
 * The gradient at 0 is `alpha`, as TF's LeakyReluGrad (`x > 0 ? g : alpha · g`); NaN passes through.
 * @example leakyRelu(tensor([-1, 0, 2])).toArray() // [-0.2, 0, 2]
 */
export function leakyRelu(x: Tensor, alpha = 0.2): Tensor {
  checkFloat('leakyRelu', 'x', x)
  checkFinite('leakyRelu', 'alpha', alpha)
  return where(greater(x, 0), x, mul(x, alpha))
}

/**
 * `min(max(x, 0), 6)` (TF's `tf.nn.relu6`). Its gradient is TF's Relu6Grad: `g` where 0 < x < 6, and 0 at
 * both kinks and outside; NaN passes through.
 * @example relu6(tensor([-1, 3, 8])).toArray() // [0, 3, 6]
 */
export function relu6(x: Tensor): Tensor {
  checkTensor('relu6', 'x', x)
  checkDTypeIn('relu6', 'x', x, NUMERIC)
  return where(lessEqual(x, 0), zerosLike(x), where(greaterEqual(x, 6), 6, x))
}

// TF's constants for selu (Klambauer et al.), scale · alpha written out as TF does rather than multiplied.
const SELU_SCALE = 1.0507009873554805
const SELU_SCALE_ALPHA = 1.7580993408473766

/**
 * Scaled exponential linear unit (TF's `tf.nn.selu`): `scale · x` for x >= 0 and `scale · alpha · (exp(x) - 1)`
 * below, with TF's constants scale = 1.0507009873554805 and scale · alpha = 1.7580993408473766 (rounded to
 * the dtype) and TF's float32 steps (exp, minus 1, times scale · alpha). The gradient at 0 is `scale`, as TF's.
 * @example selu(tensor([0, 1])).toArray() // [0, 1.050701]
 */
export function selu(x: Tensor): Tensor {
  checkFloat('selu', 'x', x)
  // exp of min(x, 0): the same value where it is used, and no inf in the unused branch to poison its gradient.
  const negativePart = mul(sub(exp(minimum(x, 0)), 1), SELU_SCALE_ALPHA)
  return where(less(x, 0), negativePart, mul(x, SELU_SCALE))
}

/** Options of {@link gelu}. */
export interface GeluOptions {
  /** The tanh approximation instead of the exact erf form; default false, as `tf.nn.gelu`. */
  readonly approximate?: boolean
}

/**
 * Gaussian error linear unit as `tf.nn.gelu` computes it (TF 2.4 and later; TF1 has none), in its steps:
 * `0.5 · x · (1 + erf(x / √2))` by default, or with `approximate: true`
 * `0.5 · x · (1 + tanh(0.7978845608028654 · (x + 0.044715 · x³)))`. Float dtypes.
 * @example gelu(tensor([0, 1])).toArray() // [0, 0.8413447]
 */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  checkFloat('gelu', 'x', x)
  checkOptions('gelu', options, ['approximate'])
  const { approximate = false } = options
  checkBoolean('gelu', 'approximate', approximate)
  const half = mul(x, 0.5)
  if (!approximate) return mul(half, add(erf(div(x, Math.SQRT2)), 1))
  const inner = mul(add(x, mul(pow(x, 3), 0.044715)), 0.7978845608028654)
  return mul(half, add(tanh(inner), 1))
}

/**
 * Sigmoid linear unit `x · sigmoid(x)` (TF's `tf.nn.silu`, also called swish). Float dtypes.
 * @example silu(tensor([0])).toArray() // [0]
 */
export function silu(x: Tensor): Tensor {
  checkFloat('silu', 'x', x)
  return mul(x, sigmoid(x))
}

/** TF's `tf.nn.swish`; the same function as {@link silu}. @example swish(tensor([0])).toArray() // [0] */
export const swish = silu

/**
 * `log(sigmoid(x))`, computed as TF1's `tf.log_sigmoid` does, `-softplus(-x)`, so it stays finite for large |x|.
 * @example logSigmoid(tensor([0])).toArray() // [-0.6931472]
 */
export function logSigmoid(x: Tensor): Tensor {
  checkFloat('logSigmoid', 'x', x)
  return neg(softplus(neg(x)))
}

/**
 * `log(sum(exp(x)))` over `axis` (all axes when omitted), as TF1's `tf.reduce_logsumexp`: the maximum along the
 * axes is subtracted first and added back, unless it is infinite (so all -inf gives -inf and an inf gives
 * inf, not NaN), and that shift carries no gradient; the gradient is softmax(x) · g. An empty reduced axis is
 * refused with a ShapeError (TF would give -inf).
 * @example logSumExp(tensor([[0, 0], [1, 1]]), 1).toArray() // [0.6931472, 1.6931472]
 */
export function logSumExp(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkFloat('logSumExp', 'x', x)
  const axes = normalizeAxes('logSumExp', axis, x.rank)
  checkBoolean('logSumExp', 'keepDims', keepDims)
  if (axes.some((a) => x.shape[a] === 0)) {
    throw new ShapeError('logSumExp', `cannot reduce an empty axis of a tensor of shape ${formatShape(x.shape)}`)
  }
  const rawMax = max(x, axes, true)
  const shift = stopGradient(where(isFinite(rawMax), rawMax, 0))
  const total = log(sum(exp(sub(x, shift)), axes, keepDims))
  return add(total, reshape(shift, total.shape))
}
