import {
  ConfigError,
  DTypeError,
  ShapeError,
  checkFinite,
  checkFunction,
  checkOptions,
  checkPositive,
  describe,
} from '@gradstream/core'
import { Tensor, formatShape, tensor } from '@gradstream/tensor'
import { contourLines } from './contourLines'
import type { ContourLine, Grid } from './contourLines'

/** A rectangle sampled like numpy's `np.mgrid[x0:x1:step, y0:y1:step]` (the stop values excluded). */
export interface GridRegion {
  readonly x: readonly [number, number]
  readonly y: readonly [number, number]
  readonly step: number
}

/** Most points a grid may have: 2000 x 2000, far finer than a figure shows (the seed's plots use 240 x 240). */
const MAX_GRID_POINTS = 4_000_000

/** How many samples numpy's `mgrid`/`arange` takes from `start` by `step`, stopping before `stop`. */
function axisCount([start, stop]: readonly [number, number], step: number): number {
  return Math.ceil((stop - start) / step)
}

/** Sample positions from `start` by `step`, stopping before `stop`. */
function axisValues([start, stop]: readonly [number, number], step: number): number[] {
  return Array.from({ length: axisCount([start, stop], step) }, (_, i) => start + i * step)
}

/**
 * Throws unless `region` is `{ x: [x0, x1], y: [y0, y1], step }` of finite
 * numbers whose grid has at least 2 and at most 2000 x 2000 points.
 */
export function checkGridRegion(fn: string, name: string, region: unknown): asserts region is GridRegion {
  if (typeof region !== 'object' || region === null || Array.isArray(region)) {
    throw new ConfigError(fn, `${name} must be an object { x, y, step }, got ${describe(region)}`)
  }
  const { x, y, step } = region as Record<string, unknown>
  checkPositive(fn, `${name}.step`, step)
  const counts = [
    ['x', x],
    ['y', y],
  ].map(([axis, range]) => {
    if (!Array.isArray(range) || range.length !== 2 || !Array.from(range).every(Number.isFinite)) {
      throw new ConfigError(
        fn,
        `${name}.${axis} must be a [start, stop] pair of finite numbers, got ${describe(range)}`,
      )
    }
    const count = axisCount(range as [number, number], step)
    if (!(count >= 2)) {
      throw new ConfigError(fn, `the ${axis} range [${range[0]}, ${range[1]}) holds fewer than 2 steps of ${step}`)
    }
    return count
  })
  const [nx = 0, ny = 0] = counts
  if (nx * ny > MAX_GRID_POINTS) {
    throw new ShapeError(fn, `the grid would have ${nx} x ${ny} points; at most ${MAX_GRID_POINTS} (2000 x 2000)`)
  }
}

/**
 * Evaluates `f` on every point of a grid at once, as the seed does with
 * `np.c_[xx.ravel(), yy.ravel()]`: `f` gets a float32 [n, 2] tensor of
 * (x, y) rows, x varying slowest, and returns n values ([n] or [n, 1]).
 *
 * @example
 * evaluateGrid((points) => sum(square(points), 1), { x: [-1, 1], y: [-1, 1], step: 0.1 }) // x² + y² on 20 x 20 points
 */
export function evaluateGrid(f: (points: Tensor) => Tensor, region: GridRegion): Grid {
  checkFunction('evaluateGrid', 'f', f)
  checkGridRegion('evaluateGrid', 'region', region)
  return gridValues('evaluateGrid', f, region)
}

/** `f` on the grid of a checked region. */
function gridValues(fn: string, f: (points: Tensor) => Tensor, region: GridRegion): Grid {
  const xs = axisValues(region.x, region.step)
  const ys = axisValues(region.y, region.step)
  const coordinates = new Float32Array(xs.length * ys.length * 2)
  xs.forEach((x, i) =>
    ys.forEach((y, j) => {
      coordinates[2 * (i * ys.length + j)] = x
      coordinates[2 * (i * ys.length + j) + 1] = y
    }),
  )
  const out: unknown = f(tensor(coordinates, [xs.length * ys.length, 2]))
  if (!(out instanceof Tensor)) throw new DTypeError(fn, `f must return a Tensor, got ${describe(out)}`)
  if (out.size !== xs.length * ys.length || out.shape.length > 2) {
    throw new ShapeError(
      fn,
      `f must return ${xs.length * ys.length} values for the grid, got shape ${formatShape(out.shape)}`,
    )
  }
  const flat = out.dataSync()
  // contour grids run x fastest: value (i, j) goes to i + j * nx
  const values = new Float64Array(flat.length)
  for (let i = 0; i < xs.length; i++)
    for (let j = 0; j < ys.length; j++) values[i + j * xs.length] = flat[i * ys.length + j]!
  return { xs, ys, values }
}

export interface DecisionBoundaryOptions extends GridRegion {
  /** The output value that separates the classes (default 0.5, as the seed's `levels=[.5]`). */
  readonly level?: number
}

/**
 * The decision boundary of a 2-D classifier: where `predict` crosses
 * `level` over a grid, as the seed draws it with `plt.contour(xx, yy, probs,
 * levels=[.5])`. Pass the lines to `scatterPlot` as `contours`.
 *
 * @example
 * const boundary = decisionBoundary((grid) => model(params, grid), { x: [-1.2, 1.2], y: [-0.2, 2.2], step: 0.01 })
 * saveFigure('out/boundary.png', scatterPlot({ points: data, labels }, { contours: boundary }))
 */
export function decisionBoundary(predict: (points: Tensor) => Tensor, options: DecisionBoundaryOptions): ContourLine[] {
  checkFunction('decisionBoundary', 'predict', predict)
  checkOptions('decisionBoundary', options, ['x', 'y', 'step', 'level'])
  const { level = 0.5, ...region } = options
  checkFinite('decisionBoundary', 'level', level)
  checkGridRegion('decisionBoundary', 'options', region)
  return contourLines(gridValues('decisionBoundary', predict, region), level)
}

/**
 * The boundary over a whole plotted range `[x0, x1] x [y0, y1]`: a grid of
 * `resolution` steps along the longer side that reaches past both ends, so
 * the lines run to the plot's edges (the plot clips the overshoot).
 */
export function boundaryOverRange(
  fn: string,
  predict: (points: Tensor) => Tensor,
  [x0, x1]: readonly [number, number],
  [y0, y1]: readonly [number, number],
  { level, resolution }: { readonly level: number; readonly resolution: number },
): ContourLine[] {
  const step = Math.max(x1 - x0, y1 - y0) / resolution
  const region = { x: [x0, x1 + 1.5 * step], y: [y0, y1 + 1.5 * step], step } as const
  checkGridRegion(fn, 'boundary', region)
  return contourLines(gridValues(fn, predict, region), level)
}
