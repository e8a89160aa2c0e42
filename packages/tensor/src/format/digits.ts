// Exact decimal digits of a binary float, by the Steele & White / Dragon4
// method on BigInt rationals. numpy prints with Dragon4, so generating digits
// the same way (shortest "unique" digits for the value's own width, or exact
// digits rounded half-to-even at a cutoff) reproduces its output digit for
// digit, which Number.prototype.toString/toFixed cannot do for float32.

/** The binary width whose neighbours decide how many digits identify a value. */
export type FloatWidth = 'float32' | 'float64'

/** Decimal digits of a non-negative value: `digits[0]` has weight 10^exponent. */
export interface Digits {
  readonly digits: string
  readonly exponent: number
}

/** Where to stop: after `max` (and not before `min`) digits, counted past the point or in total. */
export interface Cutoff {
  readonly mode: 'fraction' | 'total'
  readonly max?: number
  readonly min?: number
}

/**
 * The digits of |x|: the shortest that identify x among floats of `width`
 * (`unique`), or its exact expansion, in both cases rounded half-to-even at
 * `cutoff.max`. `x` must be finite.
 */
export function floatDigits(x: number, width: FloatWidth, unique: boolean, cutoff?: Cutoff): Digits {
  if (x === 0) return { digits: '0', exponent: 0 }
  const parts = decompose(Math.abs(x), width)
  const scaled = scaleToUnitDigit(parts, Math.abs(x), cutoff)
  const lastPosition = cutoffPosition(cutoff?.max, cutoff?.mode, scaled.exponent)
  const minPosition = cutoffPosition(cutoff?.min, cutoff?.mode, scaled.exponent) ?? scaled.exponent
  return generate(scaled, parts.even, unique, lastPosition, Math.min(minPosition, scaled.exponent))
}

interface BinaryParts {
  /** value = mantissa * 2^exponent */
  readonly mantissa: bigint
  readonly exponent: number
  /** The gap to the next float below is half the gap above (a power of two). */
  readonly unequalMargins: boolean
  /** Round-half-even makes the interval closed when the mantissa is even. */
  readonly even: boolean
}

const view = new DataView(new ArrayBuffer(8))

function decompose(x: number, width: FloatWidth): BinaryParts {
  let fraction: bigint
  let biased: number
  let fractionBits: number
  let bias: number
  if (width === 'float32') {
    view.setFloat32(0, x)
    const bits = view.getUint32(0)
    fraction = BigInt(bits & 0x7fffff)
    biased = bits >>> 23
    fractionBits = 23
    bias = 127
  } else {
    view.setFloat64(0, x)
    const bits = view.getBigUint64(0)
    fraction = bits & 0xfffffffffffffn
    biased = Number(bits >> 52n)
    fractionBits = 52
    bias = 1023
  }
  const normal = biased !== 0
  const mantissa = normal ? fraction | (1n << BigInt(fractionBits)) : fraction
  const exponent = (normal ? biased : 1) - bias - fractionBits
  return { mantissa, exponent, unequalMargins: normal && biased > 1 && fraction === 0n, even: (mantissa & 1n) === 0n }
}

/** value = r / s; the neighbours' midpoints are r - low and r + high (all over s). */
interface Scaled {
  r: bigint
  s: bigint
  low: bigint
  high: bigint
  /** Position (power of ten) of the first digit that r / s yields. */
  exponent: number
}

function scaleToUnitDigit(parts: BinaryParts, x: number, cutoff: Cutoff | undefined): Scaled {
  // Scale by 2 (or 4 with unequal margins) so the half-gaps are integers.
  const extra = parts.unequalMargins ? 2 : 1
  const e = parts.exponent
  const r = parts.mantissa << BigInt(Math.max(e, 0) + extra)
  const s = 1n << BigInt(Math.max(-e, 0) + extra)
  const low = 1n << BigInt(Math.max(e, 0))
  const scaled: Scaled = { r, s, low, high: parts.unequalMargins ? low * 2n : low, exponent: 0 }
  let exponent = Math.floor(Math.log10(x))
  // A fraction cutoff above the first digit starts the digits at the cutoff (they round to 0 or 1 there).
  if (cutoff?.mode === 'fraction' && cutoff.max !== undefined && exponent < -cutoff.max) exponent = -cutoff.max
  shiftDecimal(scaled, exponent)
  // Math.log10 may be off by one next to a power of ten: correct the estimate exactly.
  while (scaled.r >= scaled.s * 10n) shiftDecimal(scaled, 1)
  while (scaled.r < scaled.s && !(cutoff?.mode === 'fraction' && scaled.exponent <= -(cutoff.max ?? Infinity))) {
    shiftDecimal(scaled, -1)
  }
  return scaled
}

/** Divides the value by 10^by, so the first digit moves to position exponent + by. */
function shiftDecimal(scaled: Scaled, by: number): void {
  if (by > 0) {
    scaled.s *= 10n ** BigInt(by)
  } else if (by < 0) {
    const factor = 10n ** BigInt(-by)
    scaled.r *= factor
    scaled.low *= factor
    scaled.high *= factor
  }
  scaled.exponent += by
}

function cutoffPosition(
  count: number | undefined,
  mode: Cutoff['mode'] | undefined,
  first: number,
): number | undefined {
  if (count === undefined) return undefined
  return mode === 'fraction' ? -count : first - Math.max(count, 1) + 1
}

function generate(
  scaled: Scaled,
  even: boolean,
  unique: boolean,
  lastPosition: number | undefined,
  minPosition: number,
): Digits {
  const out: number[] = []
  let { r, low: marginLow, high: marginHigh } = scaled
  const s = scaled.s
  let position = scaled.exponent
  for (;;) {
    const digit = Number(r / s)
    r %= s
    const low = unique && (even ? r <= marginLow : r < marginLow)
    const high = unique && (even ? r + marginHigh >= s : r + marginHigh > s)
    const done = unique ? (low || high) && position <= minPosition : r === 0n
    if (done || position === lastPosition) {
      out.push(digit)
      return roundLast(out, scaled.exponent, roundsDown(low, high, r, s, digit))
    }
    out.push(digit)
    r *= 10n
    marginLow *= 10n
    marginHigh *= 10n
    position--
  }
}

function roundsDown(low: boolean, high: boolean, r: bigint, s: bigint, digit: number): boolean {
  if (low !== high) return low
  const twice = r * 2n
  return twice === s ? digit % 2 === 0 : twice < s
}

function roundLast(out: number[], exponent: number, down: boolean): Digits {
  if (!down) {
    let i = out.length - 1
    while (i >= 0 && out[i] === 9) i--
    if (i < 0) return { digits: '1', exponent: exponent + 1 }
    out.length = i + 1
    out[i]! += 1
  }
  return { digits: out.join(''), exponent }
}
