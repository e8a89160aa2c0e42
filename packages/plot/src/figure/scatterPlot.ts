import { ConfigError, checkOptions, describe } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { extent } from 'd3-array'
import { scaleLinear } from 'd3-scale'
import type { Point } from '../series/lineSeries'
import type { ContourLine } from './contourLines'
import { FIGURE_KEYS, axes, clipToArea, layout } from './frame'
import type { FigureOptions } from './frame'
import { rdBu } from './palette'
import { toLabels, toPoints } from './scatterData'
import { checkSeries } from '../series/lineSeries'
import { pathData, px, svgDocument } from './svg'

export interface ScatterData {
  /** [n, 2] points: a tensor or an array of `[x, y]`. */
  readonly points: Tensor | readonly Point[]
  /** One label per point ([n] or [n, 1]), coloured on matplotlib's RdBu map (default: all 0). */
  readonly labels?: Tensor | readonly number[]
}

export interface ScatterPlotOptions extends FigureOptions {
  /** Lines drawn over the points, e.g. a `decisionBoundary`. */
  readonly contours?: readonly ContourLine[]
  /** The label values mapped to the ends of RdBu (default the seed's `vmin=-.2, vmax=1.2`). */
  readonly colorRange?: readonly [number, number]
  /** Axis ranges (default: the points and contours, with a 5% margin, as matplotlib autoscales). */
  readonly xDomain?: readonly [number, number]
  readonly yDomain?: readonly [number, number]
}

/**
 * An SVG scatter plot of 2-D points coloured by label, white-edged as the
 * seed's `plt.scatter(..., c=label, cmap="RdBu", vmin=-.2, vmax=1.2,
 * edgecolor="white")`, with contour lines (e.g. a decision boundary) on top.
 *
 * @example
 * const svg = scatterPlot({ points: [[0, 1], [1, 0]], labels: [0, 1] }, { title: 'data' })
 * saveFigure('out/data.png', svg)
 */
export function scatterPlot(data: ScatterData, options: ScatterPlotOptions = {}): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError('scatterPlot', `data must be an object { points, labels }, got ${describe(data)}`)
  }
  checkOptions('scatterPlot', data, ['points', 'labels'])
  checkOptions('scatterPlot', options, [...FIGURE_KEYS, 'contours', 'colorRange', 'xDomain', 'yDomain'])
  const { contours = [], colorRange = [-0.2, 1.2] } = options
  const { width, height, area } = layout('scatterPlot', options)
  for (const [name, range] of Object.entries({ colorRange, xDomain: options.xDomain, yDomain: options.yDomain })) {
    if (range !== undefined) checkRange(name, range)
  }
  if (!Array.isArray(contours as unknown)) {
    throw new ConfigError('scatterPlot', `contours must be an array of lines, got ${describe(contours)}`)
  }
  checkSeries(
    'scatterPlot',
    contours.map((points, i) => ({ name: `contours[${i}]`, points })),
  )
  const points = toPoints('scatterPlot', data.points)
  const labels = toLabels('scatterPlot', data.labels, points.length)
  const everything = [...points, ...contours.flat()]
  const x = scaleLinear(options.xDomain ?? paddedExtent(everything.map(([px]) => px)), [area.left, area.right])
  const y = scaleLinear(options.yDomain ?? paddedExtent(everything.map(([, py]) => py)), [area.bottom, area.top])
  const body = [
    ...axes(x, y, area, options),
    `<defs>${clipToArea('scatter-area', area)}</defs>`,
    '<g class="points" clip-path="url(#scatter-area)" stroke="white" stroke-width="0.8">',
    ...points.map(
      ([px0, py0], i) =>
        `<circle class="point" data-label="${labels[i]}" cx="${px(x(px0))}" cy="${px(y(py0))}" r="4.5" fill="${rdBu(labels[i]!, colorRange)}"/>`,
    ),
    '</g>',
    '<g class="contours" clip-path="url(#scatter-area)" fill="none" stroke="black" stroke-width="1.5">',
    ...contours.map((line) => `<path class="contour" d="${pathData(line.map(([cx, cy]) => [x(cx), y(cy)]))}"/>`),
    '</g>',
  ]
  return svgDocument(width, height, body)
}

/** Throws unless `range` is `[low, high]` of finite numbers with low < high. */
function checkRange(name: string, range: unknown): void {
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !Array.from(range).every(Number.isFinite) ||
    !(range[0] < range[1])
  ) {
    throw new ConfigError(
      'scatterPlot',
      `${name} must be [low, high], finite numbers with low < high, got ${describe(range)}`,
    )
  }
}

/** The range of the values widened by 5% on each side (a unit range around a single value). */
function paddedExtent(values: readonly number[]): [number, number] {
  const [lo, hi] = extent(values.filter(Number.isFinite))
  if (lo === undefined || hi === undefined) throw new ConfigError('scatterPlot', 'no finite points to draw')
  const margin = hi > lo ? (hi - lo) * 0.05 : 0.5
  return [lo - margin, hi + margin]
}
