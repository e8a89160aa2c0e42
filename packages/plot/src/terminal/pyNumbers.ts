// Python's %f and %e round the exact binary value half-to-even; JavaScript's
// toFixed and toExponential round exact ties away from zero. They differ only
// on exact ties (0.0078125 at 6 digits), which these helpers detect and fix.

const bits = new DataView(new ArrayBuffer(8))

/** `x = mantissa * 2^exponent` with an odd mantissa; x finite and non-zero. */
function oddMantissa(x: number): { mantissa: number; exponent: number } {
  bits.setFloat64(0, Math.abs(x))
  const high = bits.getUint32(0)
  const biased = high >>> 20
  const fraction = (high & 0xfffff) * 2 ** 32 + bits.getUint32(4)
  let mantissa = biased === 0 ? fraction : fraction + 2 ** 52
  let exponent = (biased === 0 ? 1 : biased) - 1075
  while (mantissa % 2 === 0) {
    mantissa /= 2
    exponent++
  }
  return { mantissa, exponent }
}

/** Whether x lies exactly halfway between two multiples of 10^-digits: x * 2 * 10^digits is an odd integer. */
export function isDecimalTie(x: number, digits: number): boolean {
  if (x === 0 || !Number.isFinite(x)) return false
  const { mantissa, exponent } = oddMantissa(x)
  // x * 2 * 10^d = mantissa * 5^d * 2^(exponent + 1 + d); mantissa * 5^d is odd when d >= 0.
  if (exponent + 1 + digits !== 0) return false
  return digits >= 0 || mantissa % 5 ** -digits === 0
}

/** Keeps the digits before the final 5 of an exact tie, when the last kept digit is even (half-to-even). */
function evenTruncation(exact: string): string | undefined {
  const [mantissa = '', exponentPart] = exact.split('e')
  const kept = mantissa.slice(0, -1).replace(/\.$/, '')
  const last = Number(kept.at(-1))
  if (last % 2 !== 0) return undefined
  return exponentPart === undefined ? kept : `${kept}e${exponentPart}`
}

/** `x` with `digits` decimals, rounded as Python's `'%.{digits}f' % x`. */
export function fixedHalfEven(x: number, digits: number): string {
  if (Math.abs(x) >= 1e21) return `${BigInt(x)}${digits > 0 ? '.' + '0'.repeat(digits) : ''}`
  const sign = x < 0 || Object.is(x, -0) ? '-' : ''
  const magnitude = Math.abs(x)
  const rounded = isDecimalTie(magnitude, digits) ? evenTruncation(magnitude.toFixed(digits + 1)) : undefined
  return sign + (rounded ?? magnitude.toFixed(digits))
}

/** `x` in scientific notation with `digits` decimals, as Python's `'%.{digits}e' % x` (two-digit exponent). */
export function exponentialHalfEven(x: number, digits: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : ''
  const magnitude = Math.abs(x)
  const decade = magnitude === 0 ? 0 : Number(magnitude.toExponential().split('e')[1])
  const tie = isDecimalTie(magnitude, digits - decade)
  const text =
    (tie ? evenTruncation(magnitude.toExponential(digits + 1)) : undefined) ?? magnitude.toExponential(digits)
  return sign + text.replace(/e([+-])(\d)$/, 'e$10$2')
}
