import { FLOAT } from './argumentChecks'
import { unaryOp } from './elementwise'

/**
 * `exp(x) - 1`, accurate near 0 (TF's `tf.expm1`): the engine's `Math.expm1` in double, rounded once to float32,
 * which is correctly rounded except in rare double-rounding cases. Gradient `g · exp(x)`, as TF's.
 * @example expm1(tensor([0, 1e-10])).toArray() // [0, 1e-10]
 */
export const expm1 = unaryOp('expm1', { dtypes: FLOAT })

/**
 * The error function `2/√π ∫₀ˣ e^(−t²) dt` (TF's `tf.erf`), odd, with erf(±inf) = ±1. Computed in double
 * (a degree-8 Taylor polynomial around the nearest of a 1/64 grid) within 8 units of a double's last place and
 * rounded once, so float32 results are correctly rounded except in rare double-rounding cases. TF1's float32
 * kernel uses, as far as Eigen's source tells, a rational approximation on x clamped to [-4, 4], which can
 * differ from that by an ulp or so (not compared with TF1 runs); gradstream follows the correctly rounded
 * value. Gradient `g · 2/√π · exp(-x²)`, as TF's.
 * @example erf(tensor([0, 1])).toArray() // [0, 0.8427008]
 */
export const erf = unaryOp('erf', { dtypes: FLOAT })
