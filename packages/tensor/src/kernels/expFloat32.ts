// e^x of float32 values, bit-identical to Math.fround(Math.exp(x)), in the
// same way as logFloat32: a table-driven evaluation in double with a
// rigorous relative error bound, and Math.exp wherever that bound cannot
// decide the float32 rounding (about one input in 2^15) or x is out of range.

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

/** Writes e^(sign * x[i]) rounded to float32 into out[i]; `sign` is 1 or -1 (negating is exact). */
export function expFloat32(out: Float32Array, x: Float32Array, sign: 1 | -1): void {
  for (let i = 0; i < x.length; i++) {
    const v = sign * x[i]!
    // Also catches NaN.
    if (!(v > MIN_INPUT && v < MAX_INPUT)) {
      out[i] = Math.exp(v)
      continue
    }
    // v = k ln2 / TABLE_SIZE + r with |r| <= ln2 / (2 TABLE_SIZE) < 0.0055.
    const steps = v * TO_STEPS + ROUNDER - ROUNDER
    const k = steps | 0
    const r = v - steps * STEP_HIGH - steps * STEP_LOW
    const r2 = r * r
    // e^r to degree 4; the truncation is below r^5 / 120 < 2^-44 relative.
    const p = 1 + r + r2 * (1 / 2 + r * (1 / 6)) + r2 * r2 * (1 / 24)
    const y = FRACTIONS[k & (TABLE_SIZE - 1)]! * POWERS[(k >> TABLE_BITS) - MIN_POWER]! * p
    // |y - e^v| < y 2^-40: truncation, the table entries and a few roundings of at most 2^-53 each.
    const err = y * 2 ** -40
    const low = Math.fround(y - err)
    out[i] = low === Math.fround(y + err) ? low : Math.exp(v)
  }
}
