import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { transposeKernel } from './transpose'

/**
 * Multiplies one [m, k] by one [k, n] matrix, stored at the given offsets,
 * into `out` at `outOffset`. Each output element is the sequential sum over k,
 * starting from 0, of products rounded to the dtype: TF1's CPU order. The
 * i-k-j loop streams rows of `b`, and writing the running sum into typed
 * storage rounds it after every step.
 */
function matMulBlock(
  a: TypedArray,
  aOffset: number,
  b: TypedArray,
  bOffset: number,
  out: TypedArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
  dtype: DType,
): void {
  for (let i = 0; i < m; i++) {
    const row = outOffset + i * n
    for (let p = 0; p < k; p++) {
      const aip = a[aOffset + i * k + p]!
      const bRow = bOffset + p * n
      if (dtype === 'float32') {
        for (let j = 0; j < n; j++) out[row + j] = out[row + j]! + Math.fround(aip * b[bRow + j]!)
      } else if (dtype === 'int32') {
        for (let j = 0; j < n; j++) out[row + j] = (out[row + j]! + Math.imul(aip, b[bRow + j]!)) | 0
      } else {
        for (let j = 0; j < n; j++) out[row + j] = out[row + j]! + aip * b[bRow + j]!
      }
    }
  }
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

/** Batched matrix product; `a` is [batchA, m, k] (or [batchA, k, m] when transposed), likewise `b`. */
export function matMulKernel(
  a: TypedArray,
  b: TypedArray,
  transposeA: boolean,
  transposeB: boolean,
  layout: MatMulLayout,
): TypedArray {
  const { m, k, n, batches } = layout
  const dtype = dtypeOfStorage(a)
  const aBatches = a.length / (m * k)
  const bBatches = b.length / (k * n)
  const left = transposeA ? transposeBatches(a, aBatches, k, m) : a
  const right = transposeB ? transposeBatches(b, bBatches, n, k) : b
  const out = allocate(dtype, batches * m * n)
  for (let batch = 0; batch < batches; batch++) {
    const aOffset = layout.aBatch(batch) * m * k
    const bOffset = layout.bBatch(batch) * k * n
    matMulBlock(left, aOffset, right, bOffset, out, batch * m * n, m, k, n, dtype)
  }
  return out
}

function transposeBatches(x: TypedArray, batches: number, rows: number, cols: number): TypedArray {
  return transposeKernel(x, [batches, rows, cols], [0, 2, 1], dtypeOfStorage(x))
}
