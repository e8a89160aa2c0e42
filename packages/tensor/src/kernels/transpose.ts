import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf, stridesOf } from '../shape'
import type { Shape } from '../shape'

/** Permutes axes: output axis i is input axis `perm[i]`. */
export function transposeKernel(x: TypedArray, shape: Shape, perm: readonly number[], dtype: DType): TypedArray {
  const rank = shape.length
  const n = sizeOf(shape)
  const out = allocate(dtype, n)
  if (rank === 2 && perm[0] === 1) {
    const rows = shape[0]!
    const cols = shape[1]!
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j]!
    return out
  }
  const inStrides = stridesOf(shape)
  const outShape = perm.map((p) => shape[p]!)
  const strides = perm.map((p) => inStrides[p]!)
  const counter = new Array<number>(rank).fill(0)
  let offset = 0
  for (let i = 0; i < n; i++) {
    out[i] = x[offset]!
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]!++
      offset += strides[axis]!
      if (counter[axis]! < outShape[axis]!) break
      offset -= strides[axis]! * counter[axis]!
      counter[axis] = 0
    }
  }
  return out
}
