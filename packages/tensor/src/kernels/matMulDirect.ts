import type { MatrixView } from './matMulRegion'

// Column blocks read a and b in place through their strides: for small
// operands, which sit in L1 anyway, packing them costs more than it saves.
// Each block function sweeps all rows itself, so small inner dimensions do
// not pay a call and a setup per handful of outputs. Every output is the
// sequential float32 sum over p from 0, as in the naive loop. The 2 x 4 body
// repeats matMulBlocked's micro-kernel on purpose: that one reads float64
// panels, and one function serving both (float32 panels, or loads of two
// array types) made large products about 17% slower.

/** Columns j to j + 3 of rows [0, rows), two rows at a time (rows even). */
function columns4(
  a: MatrixView,
  b: MatrixView,
  k: number,
  out: Float32Array,
  o: number,
  n: number,
  rows: number,
  j: number,
) {
  const fround = Math.fround
  const x = a.data
  const y = b.data
  const xStep = a.colStride
  const xRow = a.rowStride
  const yStep = b.rowStride
  const yCol = b.colStride
  const yStart = b.offset + j * yCol
  for (let i = 0; i < rows; i += 2, o += 2 * n) {
    let x0 = a.offset + i * xRow
    let y0 = yStart
    let c00 = 0,
      c01 = 0,
      c02 = 0,
      c03 = 0,
      c10 = 0,
      c11 = 0,
      c12 = 0,
      c13 = 0
    for (let p = 0; p < k; p++, x0 += xStep, y0 += yStep) {
      const a0 = x[x0]!
      const a1 = x[x0 + xRow]!
      const b0 = y[y0]!
      const b1 = y[y0 + yCol]!
      const b2 = y[y0 + 2 * yCol]!
      const b3 = y[y0 + 3 * yCol]!
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
    out[o + n] = c10
    out[o + n + 1] = c11
    out[o + n + 2] = c12
    out[o + n + 3] = c13
  }
}

/** Column j of rows [0, m): four rows at a time, then one at a time. */
function column1(
  a: MatrixView,
  b: MatrixView,
  k: number,
  out: Float32Array,
  o: number,
  n: number,
  m: number,
  j: number,
) {
  const fround = Math.fround
  const x = a.data
  const y = b.data
  const xStep = a.colStride
  const xRow = a.rowStride
  const yStep = b.rowStride
  const yStart = b.offset + j * b.colStride
  const blocked = m - (m % 4)
  let i = 0
  for (; i < blocked; i += 4, o += 4 * n) {
    let x0 = a.offset + i * xRow
    let y0 = yStart
    let c0 = 0,
      c1 = 0,
      c2 = 0,
      c3 = 0
    for (let p = 0; p < k; p++, x0 += xStep, y0 += yStep) {
      const bp = y[y0]!
      c0 = fround(c0 + fround(x[x0]! * bp))
      c1 = fround(c1 + fround(x[x0 + xRow]! * bp))
      c2 = fround(c2 + fround(x[x0 + 2 * xRow]! * bp))
      c3 = fround(c3 + fround(x[x0 + 3 * xRow]! * bp))
    }
    out[o] = c0
    out[o + n] = c1
    out[o + 2 * n] = c2
    out[o + 3 * n] = c3
  }
  for (; i < m; i++, o += n) {
    let x0 = a.offset + i * xRow
    let y0 = yStart
    let c = 0
    for (let p = 0; p < k; p++, x0 += xStep, y0 += yStep) c = fround(c + fround(x[x0]! * y[y0]!))
    out[o] = c
  }
}

/**
 * float32 product of `a` (m x k) and `b` (k x n) into `out` at `outOffset`,
 * bit-identical to the naive sequential loop, reading both operands in place:
 * 2 x 4 tiles where they fit, then the columns and the odd last row one output
 * column at a time.
 */
export function matMulDirectFloat32(
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
  outOffset: number,
  [m, k, n]: readonly [number, number, number],
): void {
  const pairedRows = m - (m % 2)
  const tiledCols = n - (n % 4)
  for (let j = 0; j < tiledCols; j += 4) columns4(a, b, k, out, outOffset + j, n, pairedRows, j)
  for (let j = tiledCols; j < n; j++) column1(a, b, k, out, outOffset + j, n, m, j)
  if (pairedRows === m) return
  // The last row of an odd m, under the tiled columns.
  const lastRow: MatrixView = { ...a, offset: a.offset + pairedRows * a.rowStride }
  for (let j = 0; j < tiledCols; j++) column1(lastRow, b, k, out, outOffset + pairedRows * n + j, n, 1, j)
}
