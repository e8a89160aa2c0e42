import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import type { Shape } from '../shape'
import { broadcastRows, coversOrRepeats } from './broadcast'
import { BINARY_LOOPS } from './binaryLoops'
import type { BinaryKernelOp, BinaryLoop } from './binaryLoops'
import { ROW_LOOPS, SAME_SHAPE_LOOPS, SCALAR_LOOPS } from './binaryWholeLoops'
import type { BinaryLayout } from './layouts'

/**
 * Applies `op` elementwise with numpy broadcasting of `a` and `b` to
 * `layout.outShape`. Same-shaped and one-element operands take a single pass (a
 * dedicated whole-array loop where the op has one); other layouts run the
 * op's loop once per row of the merged broadcast axes.
 */
export function binaryKernel(
  op: BinaryKernelOp,
  a: TypedArray,
  b: TypedArray,
  layout: BinaryLayout,
  outDType: DType,
): TypedArray {
  const { aShape, bShape, outShape } = layout
  const n = sizeOf(outShape)
  const out = allocate(outDType, n)
  // Each table is read only when its layout applies: a lookup by op name costs about as much as a small loop.
  if (a.length === n) {
    const sameShapeLoop = b.length === n ? SAME_SHAPE_LOOPS[op] : undefined
    if (sameShapeLoop) {
      sameShapeLoop(out, a, b)
      return out
    }
    const scalarLoop = b.length === 1 ? SCALAR_LOOPS[op] : undefined
    if (scalarLoop) {
      scalarLoop(out, a, b[0]!)
      return out
    }
  }
  const loop = BINARY_LOOPS[op]
  if (coversOrRepeats(a, n) && coversOrRepeats(b, n)) {
    // An operand as large as the output has its layout; one of size 1 repeats.
    loop(out, 0, n, a, 0, +(a.length === n), b, 0, +(b.length === n))
  } else if (a.length === n && isTrailingRow(bShape, outShape)) {
    // The bias-add layout, [rows, ..., inner] with [..., inner]: b starts over every row.
    const rowLoop = ROW_LOOPS[op]
    if (rowLoop) rowLoop(out, a, b)
    else for (let start = 0; start < n; start += b.length) loop(out, start, b.length, a, start, 1, b, 0, 1)
  } else {
    rowByRow(loop, out, a, aShape, b, bShape, outShape)
  }
  return out
}

/** True when `shape`, leading 1s aside, is the last axes of `outShape`, so it repeats as one contiguous row. */
export function isTrailingRow(shape: Shape, outShape: Shape): boolean {
  let axis = shape.length - 1
  for (let outAxis = outShape.length - 1; axis >= 0 && outAxis >= 0; axis--, outAxis--) {
    if (shape[axis] !== outShape[outAxis]) break
  }
  for (; axis >= 0; axis--) if (shape[axis] !== 1) return false
  return true
}

/** Runs `loop` once per row of the merged broadcast axes. */
function rowByRow(
  loop: BinaryLoop,
  out: TypedArray,
  a: TypedArray,
  aShape: Shape,
  b: TypedArray,
  bShape: Shape,
  outShape: Shape,
) {
  const { inner, rows, steps, starts } = broadcastRows([aShape, bShape], outShape)
  const [aStarts, bStarts] = starts as [Int32Array, Int32Array]
  const [sa, sb] = steps as [number, number]
  for (let row = 0; row < rows; row++) loop(out, row * inner, inner, a, aStarts[row]!, sa, b, bStarts[row]!, sb)
}
