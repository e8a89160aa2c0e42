import type { TypedArray } from '../dtype'

/** A matrix inside flat storage: element (i, j) is `data[offset + i * rowStride + j * colStride]`. */
export interface MatrixView {
  readonly data: TypedArray
  readonly offset: number
  readonly rowStride: number
  readonly colStride: number
}

/** Rows [rowStart, rowEnd) and columns [colStart, colEnd) of an output matrix with `n` columns at `offset`. */
export interface OutputRegion {
  readonly data: TypedArray
  readonly offset: number
  readonly n: number
  readonly rowStart: number
  readonly rowEnd: number
  readonly colStart: number
  readonly colEnd: number
}

/**
 * The plain loop over a region of the product of `a` (m x k) and `b` (k x n):
 * each output is a local accumulator running over p in order from 0, rounded
 * to the output's dtype after each product and each sum (TF1's order).
 */
export function matMulRegion(a: MatrixView, b: MatrixView, k: number, region: OutputRegion): void {
  const { data: x, offset: xOffset, rowStride: xRow, colStride: xCol } = a
  const { data: y, offset: yOffset, rowStride: yRow, colStride: yCol } = b
  const { data: out, offset, n, rowStart, rowEnd, colStart, colEnd } = region
  const float32 = out instanceof Float32Array
  const int32 = out instanceof Int32Array
  for (let i = rowStart; i < rowEnd; i++) {
    for (let j = colStart, o = offset + i * n + colStart; j < colEnd; j++, o++) {
      let xi = xOffset + i * xRow
      let yi = yOffset + j * yCol
      let acc = 0
      if (float32) {
        for (let p = 0; p < k; p++, xi += xCol, yi += yRow) acc = Math.fround(acc + Math.fround(x[xi]! * y[yi]!))
      } else if (int32) {
        for (let p = 0; p < k; p++, xi += xCol, yi += yRow) acc = (acc + Math.imul(x[xi]!, y[yi]!)) | 0
      } else {
        for (let p = 0; p < k; p++, xi += xCol, yi += yRow) acc += x[xi]! * y[yi]!
      }
      out[o] = acc
    }
  }
}
