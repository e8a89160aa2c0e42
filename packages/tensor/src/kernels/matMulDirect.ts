import type { MatrixView } from './matMulRegion'

// Tiles read a and b in place through their strides: for small operands,
// which sit in L1 anyway, packing them costs more than it saves. Every output
// is the sequential float32 sum over p from 0, as in the naive loop.

/** Rows i and i + 1, columns j to j + 3 of the product. */
function tile2x4(
  a: MatrixView,
  b: MatrixView,
  k: number,
  out: Float32Array,
  o: number,
  n: number,
  i: number,
  j: number,
) {
  const fround = Math.fround
  const x = a.data
  const y = b.data
  const xStep = a.colStride
  const yStep = b.rowStride
  const yCol = b.colStride
  let x0 = a.offset + i * a.rowStride
  let x1 = x0 + a.rowStride
  let y0 = b.offset + j * yCol
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0,
    c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0
  for (let p = 0; p < k; p++, x0 += xStep, x1 += xStep, y0 += yStep) {
    const a0 = x[x0]!
    const a1 = x[x1]!
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

/** Rows i to i + 3, column j of the product. */
function tile4x1(
  a: MatrixView,
  b: MatrixView,
  k: number,
  out: Float32Array,
  o: number,
  n: number,
  i: number,
  j: number,
) {
  const fround = Math.fround
  const x = a.data
  const y = b.data
  const xStep = a.colStride
  const yStep = b.rowStride
  const xRow = a.rowStride
  let x0 = a.offset + i * xRow
  let y0 = b.offset + j * b.colStride
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

/** Row i, column j of the product. */
function tile1x1(a: MatrixView, b: MatrixView, k: number, out: Float32Array, o: number, i: number, j: number) {
  const fround = Math.fround
  const x = a.data
  const y = b.data
  const xStep = a.colStride
  const yStep = b.rowStride
  let x0 = a.offset + i * a.rowStride
  let y0 = b.offset + j * b.colStride
  let c = 0
  for (let p = 0; p < k; p++, x0 += xStep, y0 += yStep) c = fround(c + fround(x[x0]! * y[y0]!))
  out[o] = c
}

/**
 * float32 product of `a` (m x k) and `b` (k x n) into `out` at `outOffset`,
 * bit-identical to the naive sequential loop, reading both operands in place:
 * 2 x 4 tiles where they fit, 4 x 1 tiles down the last n % 4 columns, single
 * outputs for what is left.
 */
export function matMulDirectFloat32(
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
  outOffset: number,
  [m, k, n]: readonly [number, number, number],
): void {
  const tiledRows = m - (m % 2)
  const tiledCols = n - (n % 4)
  for (let i = 0; i < tiledRows; i += 2) {
    for (let j = 0; j < tiledCols; j += 4) tile2x4(a, b, k, out, outOffset + i * n + j, n, i, j)
  }
  for (let i = tiledRows; i < m; i++) {
    for (let j = 0; j < tiledCols; j++) tile1x1(a, b, k, out, outOffset + i * n + j, i, j)
  }
  const columnRows = m - (m % 4)
  for (let j = tiledCols; j < n; j++) {
    for (let i = 0; i < columnRows; i += 4) tile4x1(a, b, k, out, outOffset + i * n + j, n, i, j)
    for (let i = columnRows; i < m; i++) tile1x1(a, b, k, out, outOffset + i * n + j, i, j)
  }
}
