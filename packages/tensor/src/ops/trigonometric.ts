import { FLOAT } from './argumentChecks'
import { binaryOp, unaryOp } from './elementwise'

// Each value is computed in double by the engine's Math functions (fdlibm ports in V8, under one ulp of a
// double) and rounded once into float32 storage: the correctly rounded float32 result, except in the rare
// cases where the double lies within its error of a float32 midpoint. TF1's CPU kernels compute float32 sin
// and cos with Eigen's vectorized approximations, which can differ from that in the last bit (from Eigen's
// source; not compared with TF1 runs); gradstream follows the correctly rounded value. Gradients are TF1's
// (math_grad.py).

/** Sine (radians). Gradient `g · cos(x)`. @example sin(tensor([0])).toArray() // [0] */
export const sin = unaryOp('sin', { dtypes: FLOAT })

/** Cosine (radians). Gradient `-g · sin(x)`. @example cos(tensor([0])).toArray() // [1] */
export const cos = unaryOp('cos', { dtypes: FLOAT })

/** Tangent (radians). Gradient `g / cos(x)²`. @example tan(tensor([0])).toArray() // [0] */
export const tan = unaryOp('tan', { dtypes: FLOAT })

/**
 * Arcsine, in [-π/2, π/2]; NaN outside [-1, 1]. Gradient `g / sqrt(1 - x²)`, infinite at ±1 as in TF.
 * @example asin(tensor([0, 1])).toArray() // [0, 1.5707964]
 */
export const asin = unaryOp('asin', { dtypes: FLOAT })

/**
 * Arccosine, in [0, π]; NaN outside [-1, 1]. Gradient `-g / sqrt(1 - x²)`.
 * @example acos(tensor([1, 0])).toArray() // [0, 1.5707964]
 */
export const acos = unaryOp('acos', { dtypes: FLOAT })

/** Arctangent, in (-π/2, π/2). Gradient `g / (1 + x²)`. @example atan(tensor([0, 1])).toArray() // [0, 0.7853982] */
export const atan = unaryOp('atan', { dtypes: FLOAT })

/**
 * TF's `tf.atan2(y, x)`: the angle of the point (x, y) from the positive x axis, in [-π, π], with
 * broadcasting; C's signed-zero conventions (`atan2(0, -1)` is π, `atan2(-0, -1)` is -π). Gradients
 * `x · g / (x² + y²)` for y and `-y · g / (x² + y²)` for x, as TF's.
 * @example atan2(tensor([1, 0]), tensor([1, -1])).toArray() // [0.7853982, 3.1415927]
 */
export const atan2 = binaryOp('atan2', { dtypes: FLOAT })

/** Hyperbolic sine. Gradient `g · cosh(x)`. @example sinh(tensor([0])).toArray() // [0] */
export const sinh = unaryOp('sinh', { dtypes: FLOAT })

/** Hyperbolic cosine. Gradient `g · sinh(x)`. @example cosh(tensor([0])).toArray() // [1] */
export const cosh = unaryOp('cosh', { dtypes: FLOAT })
