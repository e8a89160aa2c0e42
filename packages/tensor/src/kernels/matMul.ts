import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { matMulBlockedFloat32 } from './matMulBlocked'
import { matMulDirectFloat32 } from './matMulDirect'
import { matMulRegion } from './matMulRegion'
import { canMatMulInWasm, matMulWasmFloat32 } from './matMulWasm'

export interface MatMulLayout {
  readonly m: number
  readonly k: number
  readonly n: number
  /** Batch count of the output, and for each output batch the batch index of a and of b. */
  readonly batches: number
  readonly aBatch: (batch: number) => number
  readonly bBatch: (batch: number) => number
}

// Packing both operands into panels pays once they outgrow L1 (about two
// 64 x 64 float32 matrices); below that, and for shapes too thin to fill the
// packed kernel's 2 x 4 tiles, the tiles read the operands in place.
const DIRECT_MAX_OPERAND_ELEMENTS = 2 * 64 * 64
const PACKED_MIN_ROWS = 2
const PACKED_MIN_COLUMNS = 4

// WebAssembly SIMD computes four float32 outputs per instruction, 10-16x the
// TypeScript loops from 16 x 16 x 16 on; copying the operands in and the
// product out costs about 100 ns, which the smallest products do not repay.
const WASM_MIN_MULTIPLY_ADDS = 512

function usePackedKernel(m: number, k: number, n: number): boolean {
  return m >= PACKED_MIN_ROWS && n >= PACKED_MIN_COLUMNS && m * k + k * n > DIRECT_MAX_OPERAND_ELEMENTS
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
  const wasm = m * k * n >= WASM_MIN_MULTIPLY_ADDS && canMatMulInWasm(m, k, n)
  const packed = usePackedKernel(m, k, n)
  for (let batch = 0; batch < batches; batch++) {
    const aOffset = layout.aBatch(batch) * m * k
    const bOffset = layout.bBatch(batch) * k * n
    const left = { data: a, offset: aOffset, rowStride: transposeA ? 1 : k, colStride: transposeA ? m : 1 }
    const right = { data: b, offset: bOffset, rowStride: transposeB ? 1 : n, colStride: transposeB ? k : 1 }
    const offset = batch * m * n
    if (!(out instanceof Float32Array))
      matMulRegion(left, right, k, { data: out, offset, n, rowStart: 0, rowEnd: m, colStart: 0, colEnd: n })
    else if (wasm) matMulWasmFloat32(left, right, out, offset, [m, k, n])
    else if (packed) matMulBlockedFloat32(left, right, out, offset, [m, k, n])
    else matMulDirectFloat32(left, right, out, offset, [m, k, n])
  }
  return out
}
