import { allocate, dtypeOfStorage } from '../dtype'
import type { TypedArray } from '../dtype'
import type { MatMulLayout } from './layouts'
import { matMulBlockedFloat32 } from './matMulBlocked'
import { matMulDirectFloat32 } from './matMulDirect'
import { matMulRegion } from './matMulRegion'
import type { MatrixView } from './matMulRegion'

// Packing both operands into panels pays once they outgrow L1 (about two
// 64 x 64 float32 matrices); below that, and for shapes too thin to fill the
// packed kernel's 2 x 4 tiles, the tiles read the operands in place.
const DIRECT_MAX_OPERAND_ELEMENTS = 2 * 64 * 64
const PACKED_MIN_ROWS = 2
const PACKED_MIN_COLUMNS = 4

function usePackedKernel(m: number, k: number, n: number): boolean {
  return m >= PACKED_MIN_ROWS && n >= PACKED_MIN_COLUMNS && m * k + k * n > DIRECT_MAX_OPERAND_ELEMENTS
}

/**
 * Calls `product` once per output batch with that batch's operands, as views
 * that read transposes in place through strides, and its output offset.
 */
export function forEachProduct(
  a: TypedArray,
  b: TypedArray,
  layout: MatMulLayout,
  product: (left: MatrixView, right: MatrixView, offset: number) => void,
): void {
  const { m, k, n, batches, transposeA, transposeB } = layout
  for (let batch = 0; batch < batches; batch++) {
    const aOffset = layout.aBatch(batch) * m * k
    const bOffset = layout.bBatch(batch) * k * n
    const left = { data: a, offset: aOffset, rowStride: transposeA ? 1 : k, colStride: transposeA ? m : 1 }
    const right = { data: b, offset: bOffset, rowStride: transposeB ? 1 : n, colStride: transposeB ? k : 1 }
    product(left, right, batch * m * n)
  }
}

/**
 * The TypeScript batched matrix product. Every output element is the
 * sequential sum over k, starting from 0, of products rounded to the dtype,
 * whichever loop computes it: float32 products take packed panels or direct
 * tiles by size, other dtypes the plain loop.
 */
export function matMulKernel(a: TypedArray, b: TypedArray, layout: MatMulLayout): TypedArray {
  const { m, k, n, batches } = layout
  const out = allocate(dtypeOfStorage(a), batches * m * n)
  const packed = usePackedKernel(m, k, n)
  forEachProduct(a, b, layout, (left, right, offset) => {
    if (!(out instanceof Float32Array))
      matMulRegion(left, right, k, { data: out, offset, n, rowStart: 0, rowEnd: m, colStart: 0, colEnd: n })
    else if (packed) matMulBlockedFloat32(left, right, out, offset, [m, k, n])
    else matMulDirectFloat32(left, right, out, offset, [m, k, n])
  })
  return out
}
