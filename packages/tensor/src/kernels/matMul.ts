import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { matMulBlockedFloat32 } from './matMulBlocked'
import { matMulRegion } from './matMulRegion'

export interface MatMulLayout {
  readonly m: number
  readonly k: number
  readonly n: number
  /** Batch count of the output, and for each output batch the batch index of a and of b. */
  readonly batches: number
  readonly aBatch: (batch: number) => number
  readonly bBatch: (batch: number) => number
}

// The blocked loop computes tiles 2 rows by 4 columns; below ~1000
// multiply-adds packing costs more than it saves.
const BLOCKED_MIN_ROWS = 2
const BLOCKED_MIN_COLUMNS = 4
const BLOCKED_MIN_WORK = 1024

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
  const blocked =
    out instanceof Float32Array && m >= BLOCKED_MIN_ROWS && n >= BLOCKED_MIN_COLUMNS && m * n * k >= BLOCKED_MIN_WORK
  for (let batch = 0; batch < batches; batch++) {
    const aOffset = layout.aBatch(batch) * m * k
    const bOffset = layout.bBatch(batch) * k * n
    const left = { data: a, offset: aOffset, rowStride: transposeA ? 1 : k, colStride: transposeA ? m : 1 }
    const right = { data: b, offset: bOffset, rowStride: transposeB ? 1 : n, colStride: transposeB ? k : 1 }
    const offset = batch * m * n
    if (blocked) matMulBlockedFloat32(left, right, out, offset, [m, k, n])
    else matMulRegion(left, right, k, { data: out, offset, n, rowStart: 0, rowEnd: m, colStart: 0, colEnd: n })
  }
  return out
}
