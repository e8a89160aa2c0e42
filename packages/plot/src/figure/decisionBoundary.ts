import { ConfigError, ShapeError, formatShape, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { contourLines } from './contourLines'
import type { ContourLine, Grid } from './contourLines'

/** A rectangle sampled like numpy's `np.mgrid[x0:x1:step, y0:y1:step]` (the stop values excluded). */
export interface GridRegion {
  readonly x: readonly [number, number]
  readonly y: readonly [number, number]
  readonly step: number
}

/** Sample positions from `start` by `step`, stopping before `stop`: numpy's `mgrid`/`arange` count. */
function axisValues(fn: string, name: string, [start, stop]: readonly [number, number], step: number): number[] {
  const count = Math.ceil((stop - start) / step)
  if (!(count >= 2))
    throw new ConfigError(fn, `the ${name} range [${start}, ${stop}) holds fewer than 2 steps of ${step}`)
  return Array.from({ length: count }, (_, i) => start + i * step)
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
  if (!(region.step > 0)) throw new ConfigError('evaluateGrid', `step must be > 0, got ${region.step}`)
  const xs = axisValues('evaluateGrid', 'x', region.x, region.step)
  const ys = axisValues('evaluateGrid', 'y', region.y, region.step)
  const coordinates = new Float32Array(xs.length * ys.length * 2)
  xs.forEach((x, i) =>
    ys.forEach((y, j) => {
      coordinates[2 * (i * ys.length + j)] = x
      coordinates[2 * (i * ys.length + j) + 1] = y
    }),
  )
  const out = f(tensor(coordinates, [xs.length * ys.length, 2]))
  if (out.size !== xs.length * ys.length || out.shape.length > 2) {
    throw new ShapeError(
      'evaluateGrid',
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
  const { level = 0.5, ...region } = options
  if (!Number.isFinite(level)) throw new ConfigError('decisionBoundary', `level must be a finite number, got ${level}`)
  return contourLines(evaluateGrid(predict, region), level)
}
