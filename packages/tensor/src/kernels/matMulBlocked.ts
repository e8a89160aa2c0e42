import { matMulRegion } from './matMulRegion'
import type { MatrixView } from './matMulRegion'

// Register block: each micro-kernel call computes ROWS x COLS outputs held in
// locals, so every loaded value of a and b feeds several products.
const ROWS = 2
const COLS = 4
// Columns of b per outer block, so the packed panels of one block stay in cache.
const BLOCK_COLS = 256

/**
 * Copies the first `m` rows of `a` (m a multiple of ROWS) into panels of ROWS
 * rows, interleaved so the micro-kernel reads a[i][p], a[i+1][p] next to each
 * other. Doubles, not float32: the micro-kernel then needs no conversion per load.
 */
function packRows(a: MatrixView, m: number, k: number): Float64Array {
  const packed = new Float64Array(m * k)
  for (let i = 0; i < m; i++) {
    const panel = Math.floor(i / ROWS) * ROWS * k + (i % ROWS)
    let src = a.offset + i * a.rowStride
    for (let p = 0, dst = panel; p < k; p++, dst += ROWS, src += a.colStride) packed[dst] = a.data[src]!
  }
  return packed
}

/** Copies the first `n` columns of `b` (n a multiple of COLS) into panels of COLS columns, each panel row contiguous. */
function packColumns(b: MatrixView, k: number, n: number): Float64Array {
  const packed = new Float64Array(k * n)
  for (let j = 0; j < n; j++) {
    const panel = Math.floor(j / COLS) * COLS * k + (j % COLS)
    let src = b.offset + j * b.colStride
    for (let p = 0, dst = panel; p < k; p++, dst += COLS, src += b.rowStride) packed[dst] = b.data[src]!
  }
  return packed
}

/**
 * One ROWS x COLS tile of the product, written to `out` from `o` with rows
 * `stride` apart. Each sum runs over p = 0..k-1 in order from 0, rounding
 * the product and the sum to float32 at every step: exactly the naive loop's
 * arithmetic, only the order of independent outputs differs.
 */
function microKernel(
  rowPanel: Float64Array,
  ai: number,
  colPanel: Float64Array,
  bi: number,
  k: number,
  out: Float32Array,
  o: number,
  stride: number,
): void {
  const fround = Math.fround
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0,
    c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0
  for (const end = ai + ROWS * k; ai < end; ai += ROWS, bi += COLS) {
    const a0 = rowPanel[ai]!
    const a1 = rowPanel[ai + 1]!
    const b0 = colPanel[bi]!
    const b1 = colPanel[bi + 1]!
    const b2 = colPanel[bi + 2]!
    const b3 = colPanel[bi + 3]!
    c00 = fround(c00 + fround(a0 * b0))
    c01 = fround(c01 + fround(a0 * b1))
    c02 = fround(c02 + fround(a0 * b2))
    c03 = fround(c03 + fround(a0 * b3))
    c10 = fround(c10 + fround(a1 * b0))
    c11 = fround(c11 + fround(a1 * b1))
    c12 = fround(c12 + fround(a1 * b2))
    c13 = fround(c13 + fround(a1 * b3))
  }
  out[o] = c00
  out[o + 1] = c01
  out[o + 2] = c02
  out[o + 3] = c03
  out[o + stride] = c10
  out[o + stride + 1] = c11
  out[o + stride + 2] = c12
  out[o + stride + 3] = c13
}

/**
 * float32 product of `a` (m x k) and `b` (k x n) into `out` at `outOffset`,
 * bit-identical to the naive sequential loop. The rows and columns that fill
 * whole tiles are packed once, then register-blocked tiles sweep blocks of
 * BLOCK_COLS columns; the last m % ROWS rows and n % COLS columns take the
 * plain loop.
 */
export function matMulBlockedFloat32(
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
  outOffset: number,
  [m, k, n]: readonly [number, number, number],
): void {
  const tiledRows = m - (m % ROWS)
  const tiledCols = n - (n % COLS)
  const rowPanels = packRows(a, tiledRows, k)
  const colPanels = packColumns(b, k, tiledCols)
  for (let j0 = 0; j0 < tiledCols; j0 += BLOCK_COLS) {
    const jEnd = Math.min(tiledCols, j0 + BLOCK_COLS)
    for (let i = 0; i < tiledRows; i += ROWS) {
      for (let j = j0; j < jEnd; j += COLS) {
        microKernel(rowPanels, i * k, colPanels, j * k, k, out, outOffset + i * n + j, n)
      }
    }
  }
  const region = { data: out, offset: outOffset, n, rowStart: 0, rowEnd: m, colStart: tiledCols, colEnd: n }
  matMulRegion(a, b, k, region)
  matMulRegion(a, b, k, { ...region, rowStart: tiledRows, colStart: 0, colEnd: tiledCols })
}
