import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import { broadcastRows, coversOrRepeats } from './broadcast'
import type { SelectLayout } from './layouts'

/** `out[o .. o + len)` takes `a` where `condition` is set and `b` elsewhere, each read with its own step. */
function selectRow(
  out: TypedArray,
  o: number,
  len: number,
  condition: TypedArray,
  ic: number,
  sc: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
): void {
  for (const end = o + len; o < end; o++, ic += sc, ia += sa, ib += sb) out[o] = condition[ic] ? a[ia]! : b[ib]!
}

/**
 * `condition ? a : b` elementwise, all three broadcast to `layout.outShape`. Operands
 * that are as large as the output or a single element take one pass.
 */
export function selectKernel(
  condition: TypedArray,
  a: TypedArray,
  b: TypedArray,
  layout: SelectLayout,
  outDType: DType,
): TypedArray {
  const { conditionShape, aShape, bShape, outShape } = layout
  const n = sizeOf(outShape)
  const out = allocate(outDType, n)
  if (coversOrRepeats(condition, n) && coversOrRepeats(a, n) && coversOrRepeats(b, n)) {
    selectRow(out, 0, n, condition, 0, +(condition.length === n), a, 0, +(a.length === n), b, 0, +(b.length === n))
    return out
  }
  const { inner, rows, steps, starts } = broadcastRows([conditionShape, aShape, bShape], outShape)
  const [cStarts, aStarts, bStarts] = starts as [Int32Array, Int32Array, Int32Array]
  const [sc, sa, sb] = steps as [number, number, number]
  for (let row = 0; row < rows; row++) {
    selectRow(out, row * inner, inner, condition, cStarts[row]!, sc, a, aStarts[row]!, sa, b, bStarts[row]!, sb)
  }
  return out
}
