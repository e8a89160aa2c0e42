// Trigonometric and hyperbolic functions, with TensorFlow 1.x's gradient
// formulas (math_ops' _SinGrad, _TanGrad, _AsinGrad, _Atan2Grad, ...) in the
// same steps, written with public ops so they differentiate again.
import { add, cos, cosh, div, mul, neg, reciprocal, sin, sinh, sqrt, square, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

export const sinVjp: VjpRule<'sin'> = (g, [x]) => [mul(g, cos(x))]

export const cosVjp: VjpRule<'cos'> = (g, [x]) => [mul(neg(g), sin(x))]

// g · sec²(x), with sec(x) = reciprocal(cos(x)).
export const tanVjp: VjpRule<'tan'> = (g, [x]) => [mul(g, square(reciprocal(cos(x))))]

// g / sqrt(1 - x²), infinite at ±1 as TF's.
export const asinVjp: VjpRule<'asin'> = (g, [x]) => [mul(g, inverseCosine(x))]

export const acosVjp: VjpRule<'acos'> = (g, [x]) => [mul(neg(g), inverseCosine(x))]

/** 1 / sqrt(1 - x²) in TF's steps. */
function inverseCosine(x: Tensor): Tensor {
  return reciprocal(sqrt(sub(1, square(x))))
}

export const atanVjp: VjpRule<'atan'> = (g, [x]) => [mul(g, reciprocal(add(1, square(x))))]

// atan2(y, x): TF's x · g / (x² + y²) for y and -y · g / (x² + y²) for x; NaN at the origin, as TF.
export const atan2Vjp: VjpRule<'atan2'> = (g, [y, x], _out, _attrs, needed) => {
  const scaled = div(g, add(square(x), square(y)))
  return [needed[0] ? mul(x, scaled) : null, needed[1] ? mul(neg(y), scaled) : null]
}

export const sinhVjp: VjpRule<'sinh'> = (g, [x]) => [mul(g, cosh(x))]

export const coshVjp: VjpRule<'cosh'> = (g, [x]) => [mul(g, sinh(x))]
