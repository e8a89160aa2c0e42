// A reference for tests: erf written plainly from its definition, independent of the kernel in erf.ts.

/**
 * erf by its Maclaurin series in float64. Its terms reach 170 near |x| = 3, so cancellation leaves it within
 * about 6e-14 there.
 */
export function maclaurinErf(x: number): number {
  let term = x
  let total = x
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n
    total += term / (2 * n + 1)
  }
  return (2 / Math.sqrt(Math.PI)) * total
}
