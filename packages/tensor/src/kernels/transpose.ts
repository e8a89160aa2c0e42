import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf, stridesOf } from '../shape'
import type { Shape } from '../shape'
import { stridedIndexMap } from './broadcast'

/** Permutes axes: output axis i is input axis `perm[i]`. */
export function transposeKernel(x: TypedArray, shape: Shape, perm: readonly number[], dtype: DType): TypedArray {
  const n = sizeOf(shape)
  const out = allocate(dtype, n)
  if (shape.length === 2 && perm[0] === 1) {
    const rows = shape[0]!
    const cols = shape[1]!
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j]!
    return out
  }
  const inStrides = stridesOf(shape)
  const outShape = perm.map((p) => shape[p]!)
  const strides = perm.map((p) => inStrides[p]!)
  const map = stridedIndexMap(outShape, strides)
  for (let i = 0; i < n; i++) out[i] = x[map[i]!]!
  return out
}
