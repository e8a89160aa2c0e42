import { ConfigError, ShapeError, StructureError, describe } from '@gradstream/core'
import { Tensor, formatShape } from '@gradstream/tensor'
import { isNumberPair } from '../series/lineSeries'
import type { Point } from '../series/lineSeries'

/** [n, 2] points, from a tensor or an array of `[x, y]`. */
export function toPoints(fn: string, points: unknown): Point[] {
  if (points instanceof Tensor) {
    if (points.rank !== 2 || points.shape[1] !== 2) {
      throw new ShapeError(fn, `points must have shape [n, 2], got ${formatShape(points.shape)}`)
    }
    const flat = points.toFlatArray()
    return Array.from({ length: points.shape[0]! }, (_, i): Point => [flat[2 * i]!, flat[2 * i + 1]!])
  }
  if (!Array.isArray(points)) {
    throw new ConfigError(fn, `points must be an [n, 2] Tensor or an array of [x, y], got ${describe(points)}`)
  }
  Array.from(points).forEach((point: unknown, i) => {
    if (!isNumberPair(point)) {
      throw new StructureError(fn, `points[${i}] must be an [x, y] pair of numbers, got ${describe(point)}`)
    }
  })
  return (points as Point[]).slice()
}

/** One label per point ([n] or [n, 1] tensor, or an array of numbers); all 0 when there are none. */
export function toLabels(fn: string, labels: unknown, n: number): number[] {
  if (labels !== undefined && !(labels instanceof Tensor) && !Array.isArray(labels)) {
    throw new ConfigError(fn, `labels must be a Tensor or an array of numbers, got ${describe(labels)}`)
  }
  const values: unknown[] =
    labels === undefined
      ? new Array<number>(n).fill(0)
      : labels instanceof Tensor
        ? labels.toFlatArray()
        : Array.from(labels)
  const bad = values.findIndex((value) => typeof value !== 'number')
  if (bad >= 0) throw new StructureError(fn, `labels[${bad}] must be a number, got ${describe(values[bad])}`)
  if (values.length !== n) throw new ShapeError(fn, `there are ${n} points but ${values.length} labels`)
  return values as number[]
}
