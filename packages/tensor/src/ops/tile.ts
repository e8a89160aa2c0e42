import { allocate } from '../dtype'
import { ShapeError, describe } from '@gradstream/core'
import { checkElementCount, formatShape, sizeOf, stridesOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensor } from './argumentChecks'

/**
 * Repeats `x` `reps[axis]` times along each axis.
 * @example tile(tensor([1, 2]), [2]).toArray() // [1, 2, 1, 2]
 */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  checkTensor('tile', 'x', x)
  if (!Array.isArray(reps) || reps.length !== x.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new ShapeError(
      'tile',
      `reps must be ${x.rank} non-negative integers for shape ${formatShape(x.shape)}, got ${Array.isArray(reps) ? formatShape(reps) : describe(reps)}`,
    )
  }
  const shape = x.shape.map((d, a) => d * reps[a]!)
  checkElementCount('tile', shape)
  const inStrides = stridesOf(x.shape)
  const input = valuesOf(x)
  const values = allocate(x.dtype, sizeOf(shape))
  const counter = new Array<number>(shape.length).fill(0)
  for (let i = 0; i < values.length; i++) {
    let offset = 0
    for (let a = 0; a < shape.length; a++) offset += (counter[a]! % x.shape[a]!) * inStrides[a]!
    values[i] = input[offset]!
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++counter[a]! < shape[a]!) break
      counter[a] = 0
    }
  }
  const out = fromKernel(values, shape, x.dtype)
  record('tile', [x], out, { reps: reps.slice() })
  return out
}
