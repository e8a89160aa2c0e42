// The error function in double, for the unary kernels. A table holds the
// Taylor coefficients of erf at every 1/64 from 0 to 6, evaluated once from a
// series near 0 and a continued fraction for erfc beyond (within 4 units in
// the last place of a double of each other where both apply); each call is
// then one polynomial of degree 8 in the distance to the nearest grid point,
// whose truncation error is below 2^-69. Rounded once to float32, that is the
// correctly rounded value except where the double lies within its error of a
// float32 midpoint.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI)
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI)
// erfc(6) < 2^-55, so erf rounds to ±1 in double from here on.
const SATURATION = 6
const STEPS_PER_UNIT = 64
const DEGREE = 8
const COEFFICIENTS = DEGREE + 1

/** erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, in double; odd, ±1 far out, NaN for NaN. */
export function erf(x: number): number {
  const magnitude = Math.abs(x)
  if (!(magnitude < SATURATION)) return magnitude === magnitude ? Math.sign(x) : NaN
  if (magnitude === 0) return x // keeps the sign of zero
  // |h| <= 1/128; k / 64 is exact, and so is the difference.
  const k = Math.round(magnitude * STEPS_PER_UNIT)
  const h = magnitude - k / STEPS_PER_UNIT
  const base = k * COEFFICIENTS
  let value = TAYLOR[base + DEGREE]!
  for (let n = DEGREE - 1; n >= 0; n--) value = value * h + TAYLOR[base + n]!
  return x < 0 ? -value : value
}

/**
 * erf^(n)(x₀) / n! for n = 0..DEGREE at each grid point x₀, from
 * erf^(n+1)(x) = 2/√π · (−1)ⁿ Hₙ(x) · e^(−x²) with the Hermite polynomials Hₙ.
 */
function taylorTable(): Float64Array {
  const points = SATURATION * STEPS_PER_UNIT + 1
  const table = new Float64Array(points * COEFFICIENTS)
  for (let k = 0; k < points; k++) {
    const x0 = k / STEPS_PER_UNIT
    const slope = TWO_OVER_SQRT_PI * Math.exp(-x0 * x0)
    table[k * COEFFICIENTS] = x0 < 2 ? erfSeries(x0) : 1 - erfcContinuedFraction(x0)
    let previous = 0
    let hermite = 1
    let factorial = 1
    for (let n = 0; n < DEGREE; n++) {
      factorial *= n + 1
      table[k * COEFFICIENTS + n + 1] = ((n % 2 === 0 ? slope : -slope) * hermite) / factorial
      ;[previous, hermite] = [hermite, 2 * x0 * hermite - 2 * n * previous]
    }
  }
  return table
}

// erf(x) = 2/√π · x · e^(−x²) · Σ (2x²)ⁿ / (1·3·…·(2n+1)): every term positive, so nothing cancels, and
// compensated (Kahan) summation keeps the sum of up to 40 terms within an ulp.
function erfSeries(x: number): number {
  const x2 = x * x
  let term = 1
  let total = 1
  let compensation = 0
  for (let n = 1; term > total * 2 ** -60; n++) {
    term *= (2 * x2) / (2 * n + 1)
    const corrected = term - compensation
    const next = total + corrected
    compensation = next - total - corrected
    total = next
  }
  return TWO_OVER_SQRT_PI * x * Math.exp(-x2) * total
}

// erfc(x) = e^(−x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) for x >= 2, by Lentz's method.
function erfcContinuedFraction(x: number): number {
  let fraction = x
  let c = x
  let d = 0
  for (let n = 1; n < 200; n++) {
    const a = n / 2
    d = 1 / (x + a * d)
    c = x + a / c
    const delta = c * d
    fraction *= delta
    if (Math.abs(delta - 1) < 2 ** -54) break
  }
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / fraction
}

const TAYLOR = taylorTable()
