import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import type { Shape } from '../shape'
import { transposeKernel } from './transpose'

/** A reduction, as `accumulate(acc, x)` folded over the reduced block in row-major order. */
export interface Reducer {
  readonly initial: number
  readonly accumulate: (acc: number, x: number) => number
}

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
 * Folds each reduced block with `reducer`. The accumulator is rounded to the
 * output dtype after every step (it lives in typed storage), as float32
 * accumulation does.
 */
export function reduceKernel(
  reducer: Reducer,
  x: TypedArray,
  shape: Shape,
  axes: readonly number[],
  outDType: DType,
): TypedArray {
  const { values, blockSize, outSize } = groupReducedLast(x, shape, axes)
  const out = allocate(outDType, outSize)
  const { initial, accumulate } = reducer
  for (let o = 0; o < outSize; o++) {
    out[o] = initial
    const start = o * blockSize
    for (let k = 0; k < blockSize; k++) out[o] = accumulate(out[o]!, values[start + k]!)
  }
  return out
}

/** Index (within the reduced axis) of the first element that `better` prefers; NaN wins, as in numpy. */
export function argReduceKernel(
  better: (candidate: number, best: number) => boolean,
  x: TypedArray,
  shape: Shape,
  axis: number,
): Int32Array {
  const { values, blockSize, outSize } = groupReducedLast(x, shape, [axis])
  const out = new Int32Array(outSize)
  for (let o = 0; o < outSize; o++) {
    const start = o * blockSize
    let bestIndex = 0
    let best = values[start]!
    for (let k = 1; k < blockSize && !Number.isNaN(best); k++) {
      const v = values[start + k]!
      if (Number.isNaN(v) || better(v, best)) {
        best = v
        bestIndex = k
      }
    }
    out[o] = bestIndex
  }
  return out
}
