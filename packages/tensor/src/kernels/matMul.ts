import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { matMulBlockedFloat32 } from './matMulBlocked'

/** A matrix inside flat storage: element (i, j) is `data[offset + i * rowStride + j * colStride]`. */
export interface MatrixView {
  readonly data: TypedArray
  readonly offset: number
  readonly rowStride: number
  readonly colStride: number
}

export interface MatMulLayout {
  readonly m: number
  readonly k: number
  readonly n: number
  /** Batch count of the output, and for each output batch the batch index of a and of b. */
  readonly batches: number
  readonly aBatch: (batch: number) => number
  readonly bBatch: (batch: number) => number
}

// The blocked loop computes tiles 4 columns wide, so narrower products waste
// most of it; below ~1000 multiply-adds packing costs more than it saves.
const BLOCKED_MIN_COLUMNS = 4
const BLOCKED_MIN_WORK = 1024

/**
 * The plain loop: each output is a local accumulator running over p in order
 * from 0, rounded to the dtype after each product and each sum (TF1's order).
 */
function matMulSimple(
  a: MatrixView,
  b: MatrixView,
  out: TypedArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
) {
  const { data: x, offset: xOffset, rowStride: xRow, colStride: xCol } = a
  const { data: y, offset: yOffset, rowStride: yRow, colStride: yCol } = b
  const float32 = out instanceof Float32Array
  const int32 = out instanceof Int32Array
  for (let i = 0, o = outOffset; i < m; i++) {
    for (let j = 0; j < n; j++, o++) {
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

/**
 * Batched matrix product; `a` is [batchA, m, k] (or [batchA, k, m] when
 * transposed), likewise `b`. Transposes are read in place through strides.
 * Every output element is the sequential sum over k, starting from 0, of
 * products rounded to the dtype, whichever loop computes it.
 */
export function matMulKernel(
  a: TypedArray,
  b: TypedArray,
  transposeA: boolean,
  transposeB: boolean,
  layout: MatMulLayout,
): TypedArray {
  const { m, k, n, batches } = layout
  const dtype: DType = dtypeOfStorage(a)
  const out = allocate(dtype, batches * m * n)
  const blocked = out instanceof Float32Array && n >= BLOCKED_MIN_COLUMNS && m * n * k >= BLOCKED_MIN_WORK
  for (let batch = 0; batch < batches; batch++) {
    const aOffset = layout.aBatch(batch) * m * k
    const bOffset = layout.bBatch(batch) * k * n
    const left = { data: a, offset: aOffset, rowStride: transposeA ? 1 : k, colStride: transposeA ? m : 1 }
    const right = { data: b, offset: bOffset, rowStride: transposeB ? 1 : n, colStride: transposeB ? k : 1 }
    if (blocked) matMulBlockedFloat32(left, right, out, batch * m * n, [m, k, n])
    else matMulSimple(left, right, out, batch * m * n, m, k, n)
  }
  return out
}
