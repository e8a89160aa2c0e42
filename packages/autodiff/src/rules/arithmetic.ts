// Elementwise arithmetic, with TensorFlow 1.x's formulas (math_grad.py) so
// float32 gradients round as TF's do. Written with public ops, so every rule
// is itself differentiable. Broadcast gradients are summed back by the walker.
import {
  add,
  div,
  exp,
  floorDiv,
  greater,
  greaterEqual,
  lessEqual,
  log,
  logicalAnd,
  mul,
  neg,
  pow,
  sign,
  square,
  sub,
  where,
} from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

export const addVjp: VjpRule<'add'> = (g) => [g, g]

export const subVjp: VjpRule<'sub'> = (g, _inputs, _y, _attrs, needed) => [g, needed[1] ? neg(g) : null]

export const mulVjp: VjpRule<'mul'> = (g, [a, b], _y, _attrs, needed) => [
  needed[0] ? mul(g, b) : null,
  needed[1] ? mul(a, g) : null,
]

// TF's RealDiv gradient: g / b and g * ((-a / b) / b).
export const divVjp: VjpRule<'div'> = (g, [a, b], _y, _attrs, needed) => [
  needed[0] ? div(g, b) : null,
  needed[1] ? mul(g, div(div(neg(a), b), b)) : null,
]

// d/da = (g * b) * a^(b-1); d/db = (g * a^b) * log(a) where a > 0 and 0
// elsewhere, as TF: the log is taken of a safe base so that a second
// derivative does not meet 0 * inf at a = 0.
export const powVjp: VjpRule<'pow'> = (g, [a, b], y, _attrs, needed) => [
  needed[0] ? mul(mul(g, b), pow(a, sub(b, 1))) : null,
  needed[1] ? mul(mul(g, y), safeLog(a)) : null,
]

function safeLog(x: Tensor): Tensor {
  const positive = greater(x, 0)
  return where(positive, log(where(positive, x, 1)), 0)
}

// Ties send the whole gradient to the first argument (TF: maximum uses
// a >= b, minimum a <= b), so maximum(minimum(x, hi), lo) passes the
// gradient on [lo, hi], both ends included, as clipByValue does.
export const maximumVjp: VjpRule<'maximum'> = (g, [a, b], _y, _attrs, needed) =>
  routeByMask(g, greaterEqual(a, b), needed)

export const minimumVjp: VjpRule<'minimum'> = (g, [a, b], _y, _attrs, needed) => routeByMask(g, lessEqual(a, b), needed)

// TF1's ClipByValue gradient: g where clipMin <= x <= clipMax (ends included), 0 elsewhere and at NaN.
export const clipByValueVjp: VjpRule<'clipByValue'> = (g, [x], _y, { clipMin, clipMax }) => [
  where(logicalAnd(greaterEqual(x, clipMin), lessEqual(x, clipMax)), g, 0),
]

function routeByMask(g: Tensor, firstWins: Tensor, needed: readonly boolean[]): (Tensor | null)[] {
  return [needed[0] ? where(firstWins, g, 0) : null, needed[1] ? where(firstWins, 0, g) : null]
}

export const negVjp: VjpRule<'neg'> = (g) => [neg(g)]

// TF: grad * (x * 2), exact in float32.
export const squareVjp: VjpRule<'square'> = (g, [x]) => [mul(g, mul(x, 2))]

// TF's SqrtGrad: (0.5 * g) / y, so infinite at x = 0.
export const sqrtVjp: VjpRule<'sqrt'> = (g, _inputs, y) => [div(mul(g, 0.5), y)]

export const expVjp: VjpRule<'exp'> = (g, _inputs, y) => [mul(g, y)]

// TF: grad * reciprocal(x), two roundings; infinite at x = 0.
export const logVjp: VjpRule<'log'> = (g, [x]) => [mul(g, div(1, x))]

export const log1pVjp: VjpRule<'log1p'> = (g, [x]) => [mul(g, div(1, add(1, x)))]

// sign(0) = 0, so abs has gradient 0 at 0, as TF.
export const absVjp: VjpRule<'abs'> = (g, [x]) => [mul(g, sign(x))]

// TF1's FloorModGrad: g for a, and -g · floorDiv(a, b) for b (the quotient is piecewise constant).
export const modVjp: VjpRule<'mod'> = (g, [a, b], _y, _attrs, needed) => [
  needed[0] ? g : null,
  needed[1] ? mul(g, neg(floorDiv(a, b))) : null,
]

// TF's ReciprocalGrad from the output: (-g · y) · y.
export const reciprocalVjp: VjpRule<'reciprocal'> = (g, _inputs, y) => [mul(mul(neg(g), y), y)]

// TF's RsqrtGrad from the output: -0.5 · (g · y) · (y · y).
export const rsqrtVjp: VjpRule<'rsqrt'> = (g, _inputs, y) => [mul(mul(mul(g, y), mul(y, y)), -0.5)]

export const expm1Vjp: VjpRule<'expm1'> = (g, [x]) => [mul(g, exp(x))]

// TF: g · 2/√π · exp(-x²).
export const erfVjp: VjpRule<'erf'> = (g, [x]) => [mul(mul(g, 2 / Math.sqrt(Math.PI)), exp(neg(square(x))))]
