import { ShapeError, Tensor, formatShape } from '@gradstream/tensor'
import type { Point } from '../series/lineSeries'

/** [n, 2] points, from a tensor or an array of `[x, y]`. */
export function toPoints(fn: string, points: Tensor | readonly Point[]): Point[] {
  if (!(points instanceof Tensor)) return points.slice()
  if (points.rank !== 2 || points.shape[1] !== 2) {
    throw new ShapeError(fn, `points must have shape [n, 2], got ${formatShape(points.shape)}`)
  }
  const flat = points.toFlatArray()
  return Array.from({ length: points.shape[0]! }, (_, i): Point => [flat[2 * i]!, flat[2 * i + 1]!])
}

/** One label per point ([n] or [n, 1] tensor, or an array); all 0 when there are none. */
export function toLabels(fn: string, labels: Tensor | readonly number[] | undefined, n: number): number[] {
  const values =
    labels === undefined
      ? new Array<number>(n).fill(0)
      : labels instanceof Tensor
        ? labels.toFlatArray()
        : labels.slice()
  if (values.length !== n) throw new ShapeError(fn, `there are ${n} points but ${values.length} labels`)
  return values
}
