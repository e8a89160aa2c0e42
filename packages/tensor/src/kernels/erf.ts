// The error function in double, for the unary kernels: a series near 0 and a
// continued fraction for erfc beyond, each within a few units in the last
// place of a double. Rounded once to float32, that is the correctly rounded
// value except where the double lies within its error of a float32 midpoint.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI)
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI)
// Below, the series needs at most 32 terms; above, the continued fraction at most 57.
const SERIES_LIMIT = 2
// erfc(6) < 2^-55, so erf rounds to ±1 in double from here on.
const SATURATION = 6

/** erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, in double; odd, ±1 far out, NaN for NaN. */
export function erf(x: number): number {
  const magnitude = Math.abs(x)
  if (magnitude < SERIES_LIMIT) return erfSeries(x)
  if (magnitude !== magnitude) return NaN
  const value = magnitude >= SATURATION ? 1 : 1 - erfcContinuedFraction(magnitude)
  return x < 0 ? -value : value
}

// erf(x) = 2/√π · x · e^(−x²) · Σ (2x²)ⁿ / (1·3·…·(2n+1)): every term positive, so nothing cancels.
function erfSeries(x: number): number {
  const x2 = x * x
  let term = 1
  let total = 1
  for (let n = 1; term > total * 2 ** -56; n++) {
    term *= (2 * x2) / (2 * n + 1)
    total += term
  }
  return TWO_OVER_SQRT_PI * x * Math.exp(-x2) * total
}

// erfc(x) = e^(−x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) for x > 0, by Lentz's method.
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
