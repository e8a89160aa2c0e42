import { allocate } from '../dtype'
import { normalizeAxes, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensor } from './argumentChecks'

/**
 * Reverses the order of elements along each of `axis` (a number or a list; all axes when omitted, as
 * tfjs's reverse; TF1's tf.reverse takes the list explicitly). Negative axes count from the end; an
 * axis listed twice is refused, as TF does. Any dtype. Its gradient is the same reversal of the cotangent.
 * @example reverse(tensor([[1, 2], [3, 4]]), 1).toArray() // [[2, 1], [4, 3]]
 */
export function reverse(x: Tensor, axis?: number | readonly number[]): Tensor {
  checkTensor('reverse', 'x', x)
  const axes = normalizeAxes('reverse', axis, x.rank)
  const values = allocate(x.dtype, x.size)
  const input = valuesOf(x)
  // Runs along the last axis stay contiguous: copied whole, or backwards when it is reversed.
  const rowLength = x.rank === 0 ? 1 : x.shape[x.rank - 1]!
  const reverseRows = axes.includes(x.rank - 1)
  const outerShape = x.shape.slice(0, -1)
  const flipped = outerShape.map((_, a) => axes.includes(a))
  const counter = new Array<number>(outerShape.length).fill(0)
  for (let row = 0; row < sizeOf(outerShape) && rowLength > 0; row++) {
    let from = 0
    for (let a = 0; a < outerShape.length; a++) {
      const i = flipped[a] ? outerShape[a]! - 1 - counter[a]! : counter[a]!
      from = from * outerShape[a]! + i
    }
    const source = input.subarray(from * rowLength, (from + 1) * rowLength)
    if (reverseRows) for (let j = 0; j < rowLength; j++) values[row * rowLength + j] = source[rowLength - 1 - j]!
    else values.set(source, row * rowLength)
    for (let a = outerShape.length - 1; a >= 0; a--) {
      if (++counter[a]! < outerShape[a]!) break
      counter[a] = 0
    }
  }
  const out = fromKernel(values, x.shape, x.dtype)
  record('reverse', [x], out, { axes })
  return out
}
