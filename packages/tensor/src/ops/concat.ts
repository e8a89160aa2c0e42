import { allocate } from '../dtype'
import { DTypeError, ShapeError } from '../errors'
import { checkElementCount, formatShape, normalizeAxis, normalizeNewAxis, shapesEqual, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensorList } from './argumentChecks'
import { expandDims } from './reshape'

/**
 * Joins tensors along an existing `axis`; all other axes must agree.
 * @example concat([tensor([1]), tensor([2, 3])]).toArray() // [1, 2, 3]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  checkTensorList('concat', tensors)
  const first = tensors[0]!
  const resolved = normalizeAxis('concat', axis, first.rank)
  tensors.forEach((t, i) => {
    if (t.dtype !== first.dtype)
      throw new DTypeError('concat', `dtypes differ: tensors[0] is ${first.dtype}, tensors[${i}] is ${t.dtype}`)
    const fits = t.rank === first.rank && t.shape.every((d, a) => a === resolved || d === first.shape[a])
    if (!fits) {
      throw new ShapeError(
        'concat',
        `shapes must agree except on axis ${resolved}: tensors[0] is ${formatShape(first.shape)}, tensors[${i}] is ${formatShape(t.shape)}`,
      )
    }
  })
  const shape = first.shape.slice()
  shape[resolved] = tensors.reduce((total, t) => total + t.shape[resolved]!, 0)
  checkElementCount('concat', shape)
  const outer = sizeOf(first.shape.slice(0, resolved))
  const values = allocate(first.dtype, sizeOf(shape))
  let offset = 0
  for (let o = 0; o < outer; o++) {
    for (const t of tensors) {
      const block = sizeOf(t.shape.slice(resolved))
      values.set(valuesOf(t).subarray(o * block, (o + 1) * block), offset)
      offset += block
    }
  }
  const out = fromKernel(values, shape, first.dtype)
  record('concat', tensors, out, { axis: resolved })
  return out
}

/**
 * Stacks same-shaped tensors along a new `axis`.
 * @example stack([tensor([1, 2]), tensor([3, 4])]).shape // [2, 2]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  checkTensorList('stack', tensors)
  const first = tensors[0]!
  tensors.forEach((t, i) => {
    if (t.dtype !== first.dtype)
      throw new DTypeError('stack', `dtypes differ: tensors[0] is ${first.dtype}, tensors[${i}] is ${t.dtype}`)
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(
        'stack',
        `shapes differ: tensors[0] is ${formatShape(first.shape)}, tensors[${i}] is ${formatShape(t.shape)}`,
      )
    }
  })
  const resolved = normalizeNewAxis('stack', axis, first.rank)
  return concat(
    tensors.map((t) => expandDims(t, resolved)),
    resolved,
  )
}
