// e^x and elu of float32 values, bit-identical to Math.fround of Math.exp and
// Math.expm1, in the same way as logFloat32: a table-driven evaluation in
// double with a rigorous error bound, and Math.exp or Math.expm1 wherever
// that bound cannot decide the float32 rounding (rarely) or x is out of range.

const TABLE_BITS = 6
const TABLE_SIZE = 1 << TABLE_BITS
const TO_STEPS = TABLE_SIZE / Math.LN2
// ln 2 / TABLE_SIZE split in two: the high part has 24 significant bits, so k * STEP_HIGH is exact for the
// |k| < 2^14 that occur, and v - k * STEP_HIGH is exact too (Sterbenz).
const STEP_HIGH = Math.fround(Math.LN2 / TABLE_SIZE)
const STEP_LOW = Math.LN2 / TABLE_SIZE - STEP_HIGH
// Beyond these, e^x overflows float32 or is below half its smallest subnormal: Math.exp decides.
const MAX_INPUT = 89
const MIN_INPUT = -104
const MIN_POWER = -160
// Adding and subtracting 1.5 * 2^52 rounds a double below 2^51 to an integer (to even), much faster than Math.round.
const ROUNDER = 1.5 * 2 ** 52

/** 2^(j / TABLE_SIZE) for j < TABLE_SIZE, and 2^e for e from MIN_POWER. */
function buildTables() {
  const fractions = Float64Array.from({ length: TABLE_SIZE }, (_, j) => 2 ** (j / TABLE_SIZE))
  const powers = Float64Array.from({ length: 2 * -MIN_POWER }, (_, i) => 2 ** (i + MIN_POWER))
  return { fractions, powers }
}

const { fractions: FRACTIONS, powers: POWERS } = buildTables()

/** e^v for MIN_INPUT < v < MAX_INPUT, in double, within a relative 2^-43 of the exact value. */
function expApprox(v: number): number {
  // v = k ln2 / TABLE_SIZE + r with |r| <= ln2 / (2 TABLE_SIZE) < 0.0055.
  const steps = v * TO_STEPS + ROUNDER - ROUNDER
  const k = steps | 0
  const r = v - steps * STEP_HIGH - steps * STEP_LOW
  const r2 = r * r
  // e^r to degree 4; the truncation is below r^5 / 120 < 2^-44 relative, the roundings add a few 2^-53.
  const p = 1 + r + r2 * (1 / 2 + r * (1 / 6)) + r2 * r2 * (1 / 24)
  return FRACTIONS[k & (TABLE_SIZE - 1)]! * POWERS[(k >> TABLE_BITS) - MIN_POWER]! * p
}

/** Writes e^(sign * x[i]) rounded to float32 into out[i]; `sign` is 1 or -1 (negating is exact). */
export function expFloat32(out: Float32Array, x: Float32Array, sign: 1 | -1): void {
  for (let i = 0; i < x.length; i++) {
    const v = sign * x[i]!
    // Also catches NaN.
    if (!(v > MIN_INPUT && v < MAX_INPUT)) {
      out[i] = Math.exp(v)
      continue
    }
    const y = expApprox(v)
    const err = y * 2 ** -40
    const low = Math.fround(y - err)
    out[i] = low === Math.fround(y + err) ? low : Math.exp(v)
  }
}

// Below this size expm1 is a polynomial; above it e^v - 1 loses at most 8 bits to cancellation.
const SMALL = 2 ** -8

/**
 * TensorFlow's elu, x for x > 0 and expm1(x) otherwise, rounded to float32:
 * bit-identical to Math.fround(x > 0 ? x : Math.expm1(x)).
 */
export function eluFloat32(out: Float32Array, x: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!
    let y: number
    let err: number
    if (v > 0) {
      out[i] = v
      continue
    } else if (v > -SMALL) {
      // Degree 5, written as v * (1 + ...) so that -0 stays -0; truncation below |v|^5 / 720 < 2^-49 relative.
      y = v * (1 + v * (1 / 2 + v * (1 / 6 + v * (1 / 24 + v * (1 / 120)))))
      err = -y * 2 ** -44
    } else if (v > MIN_INPUT) {
      // e^v < 1 carries an absolute error below 2^-43, and e^v - 1 rounds by at most 2^-53.
      y = expApprox(v) - 1
      err = 2 ** -41
    } else {
      // NaN, and v so small that the result is -1.
      out[i] = Math.expm1(v)
      continue
    }
    const low = Math.fround(y - err)
    out[i] = low === Math.fround(y + err) ? low : Math.expm1(v)
  }
}
