import { ConfigError, ShapeError, checkFinite, checkOptions, describe } from '@gradstream/core'
import { contours } from 'd3-contour'
import type { Point } from '../series/lineSeries'

/** Values of a function on a regular grid: `values[i + j * xs.length]` is the value at `(xs[i], ys[j])`. */
export interface Grid {
  readonly xs: readonly number[]
  readonly ys: readonly number[]
  readonly values: ArrayLike<number>
}

/** One contour line in data coordinates; a closed line ends at its first point. */
export type ContourLine = readonly Point[]

/**
 * The lines where a grid's values cross `level` (d3-contour's marching
 * squares with linear interpolation), in data coordinates, as matplotlib's
 * `plt.contour(xx, yy, values, levels=[level])` draws them. Lines stop at
 * the grid's edge rather than running along it.
 *
 * @example
 * contourLines({ xs: [0, 1, 2], ys: [0, 1], values: [0, 0.5, 1, 0, 0.5, 1] }, 0.75) // [[[1.5, 0], [1.5, 1]]]
 */
export function contourLines(grid: Grid, level: number): ContourLine[] {
  if (typeof grid !== 'object' || grid === null || Array.isArray(grid)) {
    throw new ConfigError('contourLines', `grid must be an object { xs, ys, values }, got ${describe(grid)}`)
  }
  checkOptions('contourLines', grid, ['xs', 'ys', 'values'])
  const { xs, ys, values } = grid
  for (const [name, axis] of [
    ['xs', xs],
    ['ys', ys],
  ] as const) {
    if (!Array.isArray(axis) || !Array.from(axis).every(Number.isFinite)) {
      throw new ConfigError('contourLines', `grid.${name} must be an array of finite numbers, got ${describe(axis)}`)
    }
  }
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number') {
    throw new ConfigError('contourLines', `grid.values must be an array of numbers, got ${describe(values)}`)
  }
  const [nx, ny] = [xs.length, ys.length]
  if (nx < 2 || ny < 2)
    throw new ShapeError('contourLines', `the grid needs at least 2 x and 2 y values, got ${nx} and ${ny}`)
  if (values.length !== nx * ny) {
    throw new ShapeError('contourLines', `the grid has ${nx} x ${ny} points but ${values.length} values`)
  }
  checkFinite('contourLines', 'level', level)
  const [multiPolygon] = contours().size([nx, ny]).thresholds([level])(Array.from(values))
  // d3 puts sample (i, j) at (i + 0.5, j + 0.5) and closes rings along the border at 0 and nx (ny).
  const toData = ([gx, gy]: Point): Point => [along(xs, gx - 0.5), along(ys, gy - 0.5)]
  const onBorder = ([gx, gy]: Point) => gx === 0 || gx === nx || gy === 0 || gy === ny
  const rings = (multiPolygon?.coordinates.flat() ?? []).map((ring) => ring.map((p): Point => [p[0]!, p[1]!]))
  return rings.flatMap((ring) => openAtBorder(ring, onBorder)).map((line) => line.map(toData))
}

/** The value at fractional index `t` of evenly spaced `values`. */
function along(values: readonly number[], t: number): number {
  const first = values[0]!
  return first + (t * (values[values.length - 1]! - first)) / (values.length - 1)
}

/** A closed ring split into the runs of its points that are off the border; a ring off the border stays whole. */
function openAtBorder(ring: readonly Point[], onBorder: (p: Point) => boolean): Point[][] {
  const open = ring.slice(0, -1) // d3 repeats the first point at the end
  const start = open.findIndex(onBorder)
  if (start < 0) return [ring.slice()]
  const rotated = [...open.slice(start), ...open.slice(0, start)]
  const lines: Point[][] = []
  let current: Point[] = []
  for (const point of [...rotated, rotated[0]!]) {
    if (!onBorder(point)) {
      current.push(point)
      continue
    }
    if (current.length >= 2) lines.push(current)
    current = []
  }
  return lines
}
