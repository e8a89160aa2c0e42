// Natural logarithm of float32 values, bit-identical to Math.fround(Math.log(x))
// (the correctly rounded logf the golden data needs) at about half the cost.
// A table-driven evaluation in double carries a rigorous error bound; where
// the bound cannot decide the float32 rounding, Math.log decides.

const TABLE_BITS = 8
const TABLE_SIZE = 1 << TABLE_BITS
// Bits of 0.69921875: x = 2^k * z with z in [0.699, 1.398), so log z is small and k = 0 around 1.
const OFFSET = 0x3f330000
const MIN_NORMAL_BITS = 0x00800000
const INFINITY_BITS = 0x7f800000
const MIN_EXPONENT = -126
const SCALE_SIZE = 256
const LN2 = Math.LN2

interface LogTable {
  /** 1 / c for the centre c of each z interval (exactly 1 for the two intervals touching 1). */
  readonly invC: Float64Array
  /** -log(invC), so log z = logC + log(z * invC). */
  readonly logC: Float64Array
  /** 2^-k for k from MIN_EXPONENT. */
  readonly scale: Float64Array
}

function buildTable(): LogTable {
  const bits = new Int32Array(2)
  const asFloat = new Float32Array(bits.buffer)
  const invC = new Float64Array(TABLE_SIZE)
  const logC = new Float64Array(TABLE_SIZE)
  const step = 1 << (23 - TABLE_BITS)
  for (let i = 0; i < TABLE_SIZE; i++) {
    bits[0] = OFFSET + i * step
    bits[1] = OFFSET + (i + 1) * step
    const [low, high] = [asFloat[0]!, asFloat[1]!]
    // On the two intervals that touch 1, c = 1 makes r = z - 1 exact, so log z = log1p(r) keeps its
    // relative accuracy however close x is to 1.
    invC[i] = low === 1 || high === 1 ? 1 : 2 / (low + high)
    logC[i] = -Math.log(invC[i]!)
  }
  const scale = new Float64Array(SCALE_SIZE)
  for (let k = 0; k < scale.length; k++) scale[k] = 2 ** -(k + MIN_EXPONENT)
  return { invC, logC, scale }
}

const { invC: INV_C, logC: LOG_C, scale: SCALE } = buildTable()

/** The pair (1 / c, -log(1 / c)) for each interval, as the WebAssembly log reads them from its heap. */
export const LOG_TABLES = Float64Array.from(
  { length: 2 * TABLE_SIZE },
  (_, i) => (i % 2 === 0 ? INV_C : LOG_C)[i >> 1]!,
)

/** Writes log(x[i]) rounded to float32 into out[i]. */
export function logFloat32(out: Float32Array, x: Float32Array): void {
  const bits = new Int32Array(x.buffer, x.byteOffset, x.length)
  // Elements for Math.log, after the loop: a call inside the loop, even one rarely taken, makes the engine
  // compile slower code for every element.
  const undecided: number[] = []
  for (let i = 0, n = x.length; i < n; i++) {
    const ix = bits[i]!
    const tmp = ix - OFFSET
    const k = tmp >> 23
    const j = (tmp >> (23 - TABLE_BITS)) & (TABLE_SIZE - 1)
    // The mask keeps zero, subnormals, negatives, infinities and NaN in the table; they go to Math.log below.
    const r = x[i]! * SCALE[(k - MIN_EXPONENT) & (SCALE_SIZE - 1)]! * INV_C[j]! - 1
    // log(1 + r) to degree 5, in Estrin's form; |r| < 2^-8 leaves a truncation error below |r|^6 / 6.
    const r2 = r * r
    const y = k * LN2 + LOG_C[j]! + (r + r2 * (-1 / 2 + r * (1 / 3)) + r2 * r2 * (-1 / 4 + r * (1 / 5)))
    // |y - log x| < |y| 2^-38: for k != 0, |y| > 0.33 and the absolute error (k * LN2, LOG_C, r, the
    // truncation, the sums) is below 2^-44.9; for k = 0 either |y| > 2^-9 with an error below 2^-50, or
    // c = 1 and the error is relative to y (truncation 2^-42.6).
    const err = y * 2 ** -38
    const low = Math.fround(y - err)
    if (low === Math.fround(y + err) && ix >= MIN_NORMAL_BITS && ix < INFINITY_BITS) out[i] = low
    else undecided.push(i)
  }
  for (const i of undecided) out[i] = Math.log(x[i]!)
}
