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

/** 2^(j / 64) for j < 64, as the WebAssembly exp reads them from its heap. */
export const EXP_TABLE = FRACTIONS

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
  // Elements for Math.exp, after the loop: a call inside the loop, even one rarely taken, makes the engine
  // compile slower code for every element.
  const undecided: number[] = []
  for (let i = 0, n = x.length; i < n; i++) {
    const v = sign * x[i]!
    // Out of range also catches NaN.
    const y = v > MIN_INPUT && v < MAX_INPUT ? expApprox(v) : NaN
    const err = y * 2 ** -40
    const low = Math.fround(y - err)
    if (low === Math.fround(y + err)) out[i] = low
    else undecided.push(i)
  }
  for (const i of undecided) out[i] = Math.exp(sign * x[i]!)
}

// Below this size expm1 is a polynomial; above it e^v - 1 loses at most 8 bits to cancellation.
const SMALL = 2 ** -8

/** expm1(v) for v <= 0 in double and a bound on its error, or NaN where Math.expm1 must decide. */
function expm1Approx(v: number): number {
  if (v > -SMALL) {
    // Degree 5, written as v * (1 + ...) so that -0 stays -0; truncation below |v|^5 / 720 < 2^-49 relative.
    return v * (1 + v * (1 / 2 + v * (1 / 6 + v * (1 / 24 + v * (1 / 120)))))
  }
  return v > MIN_INPUT ? expApprox(v) - 1 : NaN
}

/**
 * TensorFlow's elu, x for x > 0 and expm1(x) otherwise, rounded to float32:
 * bit-identical to Math.fround(x > 0 ? x : Math.expm1(x)).
 */
export function eluFloat32(out: Float32Array, x: Float32Array): void {
  const undecided: number[] = []
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i]!
    if (v > 0) {
      out[i] = v
      continue
    }
    const y = expm1Approx(v)
    // Near 0 the polynomial's error is relative; below, e^v < 1 carries an absolute error under 2^-43 and
    // e^v - 1 rounds by at most 2^-53.
    const err = v > -SMALL ? -y * 2 ** -44 : 2 ** -41
    const low = Math.fround(y - err)
    if (low === Math.fround(y + err)) out[i] = low
    else undecided.push(i)
  }
  for (const i of undecided) out[i] = Math.expm1(x[i]!)
}
