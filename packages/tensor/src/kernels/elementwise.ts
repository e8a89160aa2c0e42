import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import type { Shape } from '../shape'
import { broadcastIndexMap, broadcastKind } from './broadcast'

export type BinaryScalarFn = (a: number, b: number) => number
export type UnaryScalarFn = (x: number) => number

/** Applies `fn` to every element; writing into typed storage rounds to the output dtype. */
export function unaryKernel(fn: UnaryScalarFn, x: TypedArray, outDType: DType): TypedArray {
  const n = x.length
  const out = allocate(outDType, n)
  for (let i = 0; i < n; i++) out[i] = fn(x[i]!)
  return out
}

/**
 * Applies `fn` elementwise with numpy broadcasting of `a` and `b` to
 * `outShape`, with direct loops for the common layouts (same shape, a scalar
 * operand, a row broadcast along the last axis).
 */
export function binaryKernel(
  fn: BinaryScalarFn,
  a: TypedArray,
  aShape: Shape,
  b: TypedArray,
  bShape: Shape,
  outShape: Shape,
  outDType: DType,
): TypedArray {
  const n = sizeOf(outShape)
  const out = allocate(outDType, n)
  const kindA = broadcastKind(aShape, outShape)
  const kindB = broadcastKind(bShape, outShape)
  if (kindA === 'same' && kindB === 'same') {
    for (let i = 0; i < n; i++) out[i] = fn(a[i]!, b[i]!)
  } else if (kindA === 'same' && kindB === 'scalar') {
    const bv = b[0]!
    for (let i = 0; i < n; i++) out[i] = fn(a[i]!, bv)
  } else if (kindA === 'scalar' && kindB === 'same') {
    const av = a[0]!
    for (let i = 0; i < n; i++) out[i] = fn(av, b[i]!)
  } else if (kindA === 'same' && kindB === 'row') {
    const cols = b.length
    for (let i = 0; i < n; i += cols) for (let j = 0; j < cols; j++) out[i + j] = fn(a[i + j]!, b[j]!)
  } else if (kindA === 'row' && kindB === 'same') {
    const cols = a.length
    for (let i = 0; i < n; i += cols) for (let j = 0; j < cols; j++) out[i + j] = fn(a[j]!, b[i + j]!)
  } else {
    const mapA = broadcastIndexMap(aShape, outShape)
    const mapB = broadcastIndexMap(bShape, outShape)
    for (let i = 0; i < n; i++) out[i] = fn(a[mapA[i]!]!, b[mapB[i]!]!)
  }
  return out
}

/** `condition ? a : b` elementwise, all three broadcast to `outShape`. */
export function selectKernel(
  condition: TypedArray,
  conditionShape: Shape,
  a: TypedArray,
  aShape: Shape,
  b: TypedArray,
  bShape: Shape,
  outShape: Shape,
  outDType: DType,
): TypedArray {
  const n = sizeOf(outShape)
  const out = allocate(outDType, n)
  const mapC = broadcastIndexMap(conditionShape, outShape)
  const mapA = broadcastIndexMap(aShape, outShape)
  const mapB = broadcastIndexMap(bShape, outShape)
  for (let i = 0; i < n; i++) out[i] = condition[mapC[i]!] ? a[mapA[i]!]! : b[mapB[i]!]!
  return out
}
