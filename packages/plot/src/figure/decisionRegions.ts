import {
  ConfigError,
  DTypeError,
  ShapeError,
  checkBoolean,
  checkFunction,
  checkOptions,
  describe,
} from '@gradstream/core'
import { Tensor, formatShape, tensor } from '@gradstream/tensor'
import { scaleLinear } from 'd3-scale'
import type { Point } from '../series/lineSeries'
import type { Grid } from './contourLines'
import { checkGridRegion, evaluateGrid } from './decisionBoundary'
import type { GridRegion } from './decisionBoundary'
import { checkClassNames, namesOfClasses } from './classNames'
import { FIGURE_KEYS, axes, clipToArea, equalAspectArea, layout } from './frame'
import type { Area, FigureOptions } from './frame'
import { classColor, rdBu } from './palette'
import { toLabels, toPoints } from './scatterData'
import { escapeXml, px, svgDocument } from './svg'

/**
 * Options of {@link decisionRegions}.
 * @example const options: DecisionRegionsOptions = { region: { x: [-1, 1], y: [-1, 1], step: 0.01 }, title: 'regions' }
 */
export interface DecisionRegionsOptions extends FigureOptions {
  /** The grid the model is evaluated on, as `decisionBoundary`'s: `{ x: [x0, x1], y: [y0, y1], step }`. */
  readonly region: GridRegion
  /** Points drawn over the regions, coloured by their class index (`labels`: [n] or [n, 1]). */
  readonly data?: {
    readonly points: Tensor | readonly Point[]
    readonly labels: Tensor | readonly number[]
  }
  /** One name per class for the legend (default `0`, `1`, ..., `k - 1`). */
  readonly classNames?: readonly string[]
  /** One unit of x as long as one unit of y on screen (matplotlib's `set_aspect('equal')`; default false). */
  readonly equalAspect?: boolean
}

/** The two ends of RdBu that scatterPlot gives labels 0 and 1 (the seed's vmin -0.2, vmax 1.2). */
const TWO_CLASS_RANGE = [-0.2, 1.2] as const
/** matplotlib's contourf draws about 10 levels; the probability shading uses bands of 0.1. */
const BANDS = 10

/** The model's decision on a grid: class indices, or for 2 classes the probability of class 1. */
interface Decisions {
  readonly grid: Grid
  readonly classes: number
}

/**
 * The regions where a 2-D classifier predicts each class, as an SVG figure:
 * `predict` gets the grid's points as one [n, 2] tensor (as
 * `decisionBoundary` evaluates it) and returns scores.
 *
 * - `[n, k]` scores, k >= 3: each grid cell is filled with the colour of its
 *   highest-scoring class (a tie goes to the lowest index, as TF's `argmax`).
 * - 2 classes, as `[n, 2]` logits (the probability of class 1 is their
 *   softmax; pass `log(p)` for probabilities) or as one probability of class
 *   1 per point (`[n]` or `[n, 1]`, a sigmoid output): cells are shaded by
 *   that probability in bands of 0.1 on scatterPlot's RdBu map, so the
 *   figure shows how sure the model is, with the boundary at 0.5 (ties to
 *   class 0).
 *
 * Cells whose scores hold NaN stay white. `data` points are drawn on top
 * in their class's colour, and a legend names each class's colour.
 *
 * @example
 * const svg = decisionRegions((grid) => model.apply(params, grid, context).output, {
 *   region: { x: [-1.5, 1.5], y: [-1.5, 1.5], step: 0.02 },
 *   data: { points: x, labels: y },
 *   classNames: ['red', 'green', 'blue'],
 * })
 * saveFigure('out/regions.png', svg)
 */
export function decisionRegions(predict: (points: Tensor) => Tensor, options: DecisionRegionsOptions): string {
  const fn = 'decisionRegions'
  checkFunction(fn, 'predict', predict)
  checkOptions(fn, options, [...FIGURE_KEYS, 'region', 'data', 'classNames', 'equalAspect'])
  const { region, data, equalAspect = false } = options
  checkGridRegion(fn, 'region', region)
  checkBoolean(fn, 'equalAspect', equalAspect)
  const scatter = data === undefined ? undefined : checkData(fn, data)
  checkClassNames(fn, options.classNames)
  const { width, height, area: whole } = layout(fn, options)
  const decisions = decide(fn, predict, region)
  const names = namesOfClasses(fn, options.classNames, decisions.classes)
  if (scatter !== undefined) checkClassIndices(fn, scatter.labels, decisions.classes)
  const legendWidth = 44 + 7 * Math.max(...names.map((name) => name.length), 6)
  const beside = { ...whole, right: whole.right - legendWidth }
  const { xs, ys } = decisions.grid
  const half = region.step / 2
  const xDomain = [xs[0]! - half, xs[xs.length - 1]! + half] as const
  const yDomain = [ys[0]! - half, ys[ys.length - 1]! + half] as const
  const area = equalAspect ? equalAspectArea(beside, xDomain, yDomain) : beside
  const x = scaleLinear(xDomain, [area.left, area.right])
  const y = scaleLinear(yDomain, [area.bottom, area.top])
  const colors = names.map((_, i) => pointColor(i, names.length))
  return svgDocument(width, height, [
    `<defs>${clipToArea('regions-area', area)}</defs>`,
    ...regionMarks(decisions, (value) => fillOf(value, decisions.classes), x, y, half),
    ...axes(x, y, area, options),
    ...(scatter === undefined ? [] : pointMarks(scatter, colors, x, y)),
    ...legendMarks(names, colors, decisions.classes === 2, area),
  ])
}

/** `data` as checked points and labels. */
function checkData(fn: string, data: unknown): { points: Point[]; labels: number[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(fn, `data must be an object { points, labels }, got ${describe(data)}`)
  }
  checkOptions(fn, data, ['points', 'labels'])
  const { points, labels } = data as Record<string, unknown>
  if (labels === undefined) throw new ConfigError(fn, 'data.labels must be given: one class index per point')
  const checked = toPoints(fn, points)
  return { points: checked, labels: toLabels(fn, labels, checked.length) }
}

/** Throws unless every label is a class index of a model with `classes` classes. */
function checkClassIndices(fn: string, labels: readonly number[], classes: number): void {
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new ConfigError(
        fn,
        `data.labels[${i}] must be a class index from 0 to ${classes - 1}, got ${describe(label)}`,
      )
    }
  })
}

/** `predict` on the grid, reduced to one number per point: the class index, or the probability of class 1. */
function decide(fn: string, predict: (points: Tensor) => Tensor, region: GridRegion): Decisions {
  let classes = 2 // read inside the call: evaluateGrid keeps one number per point, not the scores' width
  const grid = evaluateGrid((points) => {
    const n = points.shape[0]!
    const scores: unknown = predict(points)
    if (!(scores instanceof Tensor)) throw new DTypeError(fn, `predict must return a Tensor, got ${describe(scores)}`)
    const columns = scores.rank === 1 ? 1 : (scores.shape[1] ?? 0)
    if (scores.rank < 1 || scores.rank > 2 || scores.shape[0] !== n || columns < 1) {
      throw new ShapeError(
        fn,
        `predict must return [${n}] or [${n}, classes] scores for the grid's ${n} points, got ${formatShape(scores.shape)}`,
      )
    }
    classes = Math.max(2, columns)
    return tensor(reduceRows(scores.dataSync(), n, columns), [n])
  }, region)
  return { grid, classes }
}

/** Per row: the probability of class 1 for one or two columns, else the index of the first highest score. */
function reduceRows(scores: ArrayLike<number>, n: number, columns: number): Float32Array {
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    if (columns === 1) out[i] = scores[i]!
    else if (columns === 2) out[i] = 1 / (1 + Math.exp(scores[2 * i]! - scores[2 * i + 1]!))
    else out[i] = argmaxRow(scores, i * columns, columns)
  }
  return out
}

/** The index of the first highest of `columns` scores from `start`; NaN when one of them is NaN. */
function argmaxRow(scores: ArrayLike<number>, start: number, columns: number): number {
  let best = 0
  for (let c = 0; c < columns; c++) {
    const score = scores[start + c]!
    if (Number.isNaN(score)) return NaN
    if (score > scores[start + best]!) best = c
  }
  return best
}

/** A class's colour: RdBu's ends for 2 classes, as scatterPlot colours labels 0 and 1; categorical beyond. */
function pointColor(i: number, classes: number): string {
  return classes === 2 ? rdBu(i, TWO_CLASS_RANGE) : classColor(i, classes)
}

/** A grid cell's fill: its class's colour, or for 2 classes the RdBu shade of its probability band. */
function fillOf(value: number, classes: number): string | undefined {
  if (Number.isNaN(value)) return undefined
  if (classes > 2) return classColor(value, classes)
  // bands (b/10, (b+1)/10], so that 0.5 falls with class 0 as the boundary's ties do
  const band = Math.min(BANDS - 1, Math.max(0, Math.ceil(value * BANDS) - 1))
  return rdBu((band + 0.5) / BANDS, [0, 1])
}

/** The grid's cells as rectangles, neighbours of one colour along x merged into one. */
function regionMarks(
  { grid }: Decisions,
  fill: (value: number) => string | undefined,
  x: (value: number) => number,
  y: (value: number) => number,
  half: number,
): string[] {
  const { xs, ys, values } = grid
  const rects: string[] = []
  ys.forEach((yj, j) => {
    const [top, bottom] = [y(yj + half), y(yj - half)]
    let start = 0
    for (let i = 1; i <= xs.length; i++) {
      const color = fill(values[start + j * xs.length]!)
      if (i < xs.length && fill(values[i + j * xs.length]!) === color) continue
      if (color !== undefined) {
        const [left, right] = [x(xs[start]! - half), x(xs[i - 1]! + half)]
        rects.push(
          `<rect x="${px(left)}" y="${px(top)}" width="${px(right - left)}" height="${px(bottom - top)}" fill="${color}"/>`,
        )
      }
      start = i
    }
  })
  // crispEdges: no hairline seams between neighbouring rectangles
  return [
    '<g class="regions" clip-path="url(#regions-area)" fill-opacity="0.45" shape-rendering="crispEdges">',
    ...rects,
    '</g>',
  ]
}

/** The data points in their class's colour, white-edged as scatterPlot draws them. */
function pointMarks(
  { points, labels }: { points: readonly Point[]; labels: readonly number[] },
  colors: readonly string[],
  x: (value: number) => number,
  y: (value: number) => number,
): string[] {
  return [
    '<g class="points" clip-path="url(#regions-area)" stroke="white" stroke-width="0.8">',
    ...points.map(
      ([px0, py0], i) =>
        `<circle class="point" data-label="${labels[i]}" cx="${px(x(px0))}" cy="${px(y(py0))}" r="4" fill="${colors[labels[i]!]}"/>`,
    ),
    '</g>',
  ]
}

/** A swatch and name per class right of the plot; for 2 classes, the probability bands under it. */
function legendMarks(names: readonly string[], colors: readonly string[], twoClass: boolean, area: Area): string[] {
  const rowHeight = 18
  const parts = [`<g class="legend" transform="translate(${px(area.right + 12)} ${px(area.top)})">`]
  names.forEach((name, i) => {
    const rowY = i * rowHeight
    parts.push(
      `<rect class="swatch" data-class="${i}" y="${rowY + 3}" width="12" height="12" fill="${colors[i]}" stroke="#333" stroke-width="0.5"/>`,
      `<text class="class-name" x="18" y="${rowY + 9}" dy="0.32em">${escapeXml(name)}</text>`,
    )
  })
  if (twoClass) {
    // the shading's key: band b covers probabilities (b/10, (b+1)/10], highest on top
    const top = names.length * rowHeight + 26
    parts.push(`<text class="shading" y="${top - 14}">P(${escapeXml(names[1]!)})</text>`)
    for (let band = 0; band < BANDS; band++) {
      const bandY = top + (BANDS - 1 - band) * 12
      parts.push(
        `<rect class="band" y="${bandY}" width="12" height="12" fill="${fillOf((band + 0.5) / BANDS, 2)}" fill-opacity="0.45"/>`,
      )
    }
    parts.push(
      `<text x="18" y="${top}" dy="0.32em">1</text>`,
      `<text x="18" y="${top + (BANDS / 2) * 12}" dy="0.32em">0.5</text>`,
      `<text x="18" y="${top + BANDS * 12}" dy="0.32em">0</text>`,
    )
  }
  parts.push('</g>')
  return parts
}
