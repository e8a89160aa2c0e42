import { reshape, shapesEqual, sum } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/**
 * Sums a cotangent of a broadcast result back to the shape of the input that
 * was broadcast: over the leading axes the input lacked and over the axes
 * where it had size 1 (tfjs's getReductionAxes, TF's BroadcastGradientArgs).
 * @example unbroadcast(ones([4, 3]), [1, 3]).toArray() // [[4, 4, 4]]
 */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g
  const lead = g.rank - shape.length
  const axes: number[] = []
  for (let axis = 0; axis < g.rank; axis++) {
    if (axis < lead || (shape[axis - lead] === 1 && g.shape[axis] !== 1)) axes.push(axis)
  }
  // Summing only missing leading axes lands on `shape` directly; otherwise keep the axes and reshape.
  if (lead > 0 && axes.length === lead) return sum(g, axes)
  return reshape(axes.length > 0 ? sum(g, axes, true) : g, shape)
}
