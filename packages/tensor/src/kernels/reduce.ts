import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import type { Shape } from '../shape'
import { blockLoop, columnLoop } from './reduceLoops'
import type { ReduceKernelOp } from './reduceLoops'
import { transposeKernel } from './transpose'

/** Index reductions: the position of the largest or smallest value along one axis. */
export type ArgReduceKernelOp = 'argMax' | 'argMin'

/**
 * Moves the reduced axes last (keeping their order), so that each output
 * element's inputs form one contiguous block, read in the input's row-major
 * order: the sequential accumulation TF1's CPU kernels perform.
 */
export function groupReducedLast(x: TypedArray, shape: Shape, axes: readonly number[]) {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i))
  const perm = [...kept, ...axes]
  const inOrder = perm.every((p, i) => p === i)
  const values = inOrder ? x : transposeKernel(x, shape, perm, dtypeOfStorage(x))
  const blockSize = sizeOf(axes.map((a) => shape[a]!))
  const outSize = sizeOf(kept.map((a) => shape[a]!))
  return { values, blockSize, outSize }
}

/**
 * How the reduced axes sit among the kept ones, ignoring axes of size 1:
 * all after them ('blocks': each output folds one contiguous block), all
 * before them ('columns': each output folds one column of a matrix), or
 * interleaved ('other').
 */
export function reduceLayout(shape: Shape, axes: readonly number[]): 'blocks' | 'columns' | 'other' {
  // Runs of reduced ('r') and kept ('k') axes, at most three of them matter.
  let runs = 0
  let first = ''
  let last = ''
  for (let axis = 0; axis < shape.length && runs < 3; axis++) {
    if (shape[axis] === 1) continue
    const role = axes.includes(axis) ? 'r' : 'k'
    if (role === last) continue
    if (runs === 0) first = role
    last = role
    runs++
  }
  if (runs === 2) return first === 'r' ? 'columns' : 'blocks'
  return runs <= 1 ? 'blocks' : 'other'
}

function sizeOfKept(shape: Shape, axes: readonly number[]): number {
  let size = 1
  for (let axis = 0; axis < shape.length; axis++) if (!axes.includes(axis)) size *= shape[axis]!
  return size
}

/** Number of values each output folds: the product of the reduced dimensions. */
export function blockSizeOf(shape: Shape, axes: readonly number[]): number {
  let size = 1
  for (const axis of axes) size *= shape[axis]!
  return size
}

/**
 * The TypeScript reduction: folds the `axes` of `x` with `op`, sequentially
 * in row-major order and rounding the accumulator to `outDType` after every
 * step. Reducing trailing or leading axes reads `x` in place; other layouts
 * transpose first.
 */
export function reduceKernel(
  op: ReduceKernelOp,
  x: TypedArray,
  shape: Shape,
  axes: readonly number[],
  outDType: DType,
): TypedArray {
  const layout = reduceLayout(shape, axes)
  const blockSize = blockSizeOf(shape, axes)
  // Each output folds one block; an empty block leaves the kept axes to count.
  const out = allocate(outDType, blockSize === 0 ? sizeOfKept(shape, axes) : x.length / blockSize)
  if (layout === 'columns') {
    columnLoop(op, outDType)(out, x, blockSize)
  } else {
    const values = layout === 'blocks' ? x : groupReducedLast(x, shape, axes).values
    blockLoop(op, outDType)(out, values, blockSize)
  }
  return out
}

/** Index (within the reduced axis) of the first extreme value along `axis`; NaN wins, as in numpy. */
export function argReduceKernel(op: ArgReduceKernelOp, x: TypedArray, shape: Shape, axis: number): Int32Array {
  const { values, blockSize, outSize } = groupReducedLast(x, shape, [axis])
  const wantsLarger = op === 'argMax'
  const out = allocate('int32', outSize)
  for (let o = 0; o < outSize; o++) {
    const start = o * blockSize
    let bestIndex = 0
    let best = values[start]!
    for (let k = 1; k < blockSize && !Number.isNaN(best); k++) {
      const v = values[start + k]!
      if (Number.isNaN(v) || (wantsLarger ? v > best : v < best)) {
        best = v
        bestIndex = k
      }
    }
    out[o] = bestIndex
  }
  return out
}
