import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import type { Shape } from '../shape'
import { broadcastRows, coversOrRepeats } from './broadcast'
import { BINARY_LOOPS } from './binaryLoops'
import type { BinaryKernelOp } from './binaryLoops'

/**
 * Applies `op` elementwise with numpy broadcasting of `a` and `b` to
 * `outShape`. Same-shaped and one-element operands take a single pass; other
 * layouts run the op's loop once per row of the merged broadcast axes.
 */
export function binaryKernel(
  op: BinaryKernelOp,
  a: TypedArray,
  aShape: Shape,
  b: TypedArray,
  bShape: Shape,
  outShape: Shape,
  outDType: DType,
): TypedArray {
  const n = sizeOf(outShape)
  const out = allocate(outDType, n)
  const loop = BINARY_LOOPS[op]
  // An operand as large as the output has its layout; one of size 1 repeats.
  if (coversOrRepeats(a, n) && coversOrRepeats(b, n)) {
    loop(out, 0, n, a, 0, +(a.length === n), b, 0, +(b.length === n))
    return out
  }
  const { inner, rows, steps, starts } = broadcastRows([aShape, bShape], outShape)
  const [aStarts, bStarts] = starts as [Int32Array, Int32Array]
  const [sa, sb] = steps as [number, number]
  for (let row = 0; row < rows; row++) loop(out, row * inner, inner, a, aStarts[row]!, sa, b, bStarts[row]!, sb)
  return out
}
