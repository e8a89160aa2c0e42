import {
  ConfigError,
  checkBoolean,
  checkFinite,
  checkFunction,
  checkInteger,
  checkOptions,
  describe,
} from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { extent } from 'd3-array'
import { scaleLinear } from 'd3-scale'
import type { Point } from '../series/lineSeries'
import { checkClassNames, namesOfClasses } from './classNames'
import type { ContourLine } from './contourLines'
import { boundaryOverRange } from './decisionBoundary'
import { FIGURE_KEYS, axes, clipToArea, equalAspectArea, layout } from './frame'
import type { FigureOptions } from './frame'
import { areaBesideLegend, legendMarks } from './legend'
import { classColor, rdBu } from './palette'
import { toLabels, toPoints } from './scatterData'
import { checkSeries } from '../series/lineSeries'
import { pathData, px, svgDocument } from './svg'

export interface ScatterData {
  /** [n, 2] points: a tensor or an array of `[x, y]`. */
  readonly points: Tensor | readonly Point[]
  /** One label per point ([n] or [n, 1]): a value on RdBu, or a class index with `classNames`/`categorical` (default: all 0). */
  readonly labels?: Tensor | readonly number[]
}

/** A classifier whose decision boundary `scatterPlot` draws over its whole plotted range. */
export interface ScatterBoundary {
  /** The model on [n, 2] points, returning n values ([n] or [n, 1]), as `decisionBoundary` takes it. */
  readonly predict: (points: Tensor) => Tensor
  /** The value that separates the classes (default 0.5). */
  readonly level?: number
  /** Grid steps along the plot's longer side (default 300, at most 1000). */
  readonly resolution?: number
}

export interface ScatterPlotOptions extends FigureOptions {
  /** Lines drawn over the points, e.g. a `decisionBoundary`. */
  readonly contours?: readonly ContourLine[]
  /** A model whose boundary is drawn over the whole plotted range, edge to edge, on top of any `contours`. */
  readonly boundary?: ScatterBoundary
  /** The label values mapped to the ends of RdBu (default the seed's `vmin=-.2, vmax=1.2`). */
  readonly colorRange?: readonly [number, number]
  /** Labels are class indices: one categorical colour per class and a legend naming them (default false). */
  readonly categorical?: boolean
  /** One name per class for the legend; implies `categorical`. */
  readonly classNames?: readonly string[]
  /** One unit of x as long as one unit of y on screen (matplotlib's `set_aspect('equal')`; default false). */
  readonly equalAspect?: boolean
  /** Axis ranges (default: the points and contours, with a 5% margin, as matplotlib autoscales). */
  readonly xDomain?: readonly [number, number]
  readonly yDomain?: readonly [number, number]
}

const OPTION_KEYS = [
  ...FIGURE_KEYS,
  'contours',
  'boundary',
  'colorRange',
  'categorical',
  'classNames',
  'equalAspect',
  'xDomain',
  'yDomain',
]

/**
 * An SVG scatter plot of 2-D points coloured by label, white-edged as the
 * seed's `plt.scatter(..., c=label, cmap="RdBu", vmin=-.2, vmax=1.2,
 * edgecolor="white")`, with contour lines (e.g. a decision boundary) on top.
 * With `categorical` or `classNames`, labels are class indices drawn in
 * categorical colours (Tableau 10, matplotlib's default cycle) with a legend
 * outside the data area saying which colour is which class.
 *
 * @example
 * const svg = scatterPlot({ points: [[0, 1], [1, 0]], labels: [0, 1] }, { classNames: ['no', 'yes'], equalAspect: true })
 * saveFigure('out/data.png', svg)
 */
export function scatterPlot(data: ScatterData, options: ScatterPlotOptions = {}): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError('scatterPlot', `data must be an object { points, labels }, got ${describe(data)}`)
  }
  checkOptions('scatterPlot', data, ['points', 'labels'])
  checkOptions('scatterPlot', options, OPTION_KEYS)
  const { contours = [], colorRange = [-0.2, 1.2], equalAspect = false, classNames } = options
  const { categorical = classNames !== undefined } = options
  const whole = layout('scatterPlot', options)
  for (const [name, range] of Object.entries({ colorRange, xDomain: options.xDomain, yDomain: options.yDomain })) {
    if (range !== undefined) checkRange(name, range)
  }
  checkBoolean('scatterPlot', 'categorical', categorical)
  checkBoolean('scatterPlot', 'equalAspect', equalAspect)
  checkClassNames('scatterPlot', classNames)
  const boundary = options.boundary === undefined ? undefined : checkBoundary(options.boundary)
  if (!Array.isArray(contours as unknown)) {
    throw new ConfigError('scatterPlot', `contours must be an array of lines, got ${describe(contours)}`)
  }
  checkSeries(
    'scatterPlot',
    contours.map((points, i) => ({ name: `contours[${i}]`, points })),
  )
  const points = toPoints('scatterPlot', data.points)
  const labels = toLabels('scatterPlot', data.labels, points.length)
  const colorOf = categorical ? classColors(labels, classNames) : undefined
  const legend = colorOf === undefined ? [] : colorOf.entries
  const everything = [...points, ...contours.flat()]
  const xDomain = options.xDomain ?? paddedExtent(everything.map(([px]) => px))
  const yDomain = options.yDomain ?? paddedExtent(everything.map(([, py]) => py))
  const beside = areaBesideLegend(whole.area, legend)
  const area = equalAspect ? equalAspectArea(beside, xDomain, yDomain) : beside
  const x = scaleLinear(xDomain, [area.left, area.right])
  const y = scaleLinear(yDomain, [area.bottom, area.top])
  const lines = [
    ...contours,
    ...(boundary === undefined ? [] : boundaryOverRange('scatterPlot', boundary.predict, xDomain, yDomain, boundary)),
  ]
  const body = [
    ...axes(x, y, area, options),
    `<defs>${clipToArea('scatter-area', area)}</defs>`,
    '<g class="points" clip-path="url(#scatter-area)" stroke="white" stroke-width="0.8">',
    ...points.map(
      ([px0, py0], i) =>
        `<circle class="point" data-label="${labels[i]}" cx="${px(x(px0))}" cy="${px(y(py0))}" r="4.5" fill="${colorOf === undefined ? rdBu(labels[i]!, colorRange) : colorOf.colors[labels[i]!]}"/>`,
    ),
    '</g>',
    '<g class="contours" clip-path="url(#scatter-area)" fill="none" stroke="black" stroke-width="1.5">',
    ...lines.map((line) => `<path class="contour" d="${pathData(line.map(([cx, cy]) => [x(cx), y(cy)]))}"/>`),
    '</g>',
    ...legendMarks(legend, area),
  ]
  return svgDocument(whole.width, whole.height, body)
}

/** The classes' colours and legend rows; throws unless every label is a class index. */
function classColors(labels: readonly number[], classNames: readonly string[] | undefined) {
  const classes =
    classNames?.length ?? labels.reduce((most, label) => Math.max(most, Number.isInteger(label) ? label : 0), 0) + 1
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new ConfigError(
        'scatterPlot',
        `labels[${i}] must be a class index from 0 to ${classes - 1}, got ${describe(label)}`,
      )
    }
  })
  const names = namesOfClasses('scatterPlot', classNames, classes)
  const colors = names.map((_, i) => classColor(i, classes))
  return { colors, entries: names.map((label, i) => ({ kind: 'swatch' as const, label, color: colors[i] })) }
}

/** Throws unless `boundary` is `{ predict, level?, resolution? }`; gives it with its defaults. */
function checkBoundary(boundary: unknown): Required<ScatterBoundary> {
  if (typeof boundary !== 'object' || boundary === null || Array.isArray(boundary)) {
    throw new ConfigError(
      'scatterPlot',
      `boundary must be an object { predict, level, resolution }, got ${describe(boundary)}`,
    )
  }
  checkOptions('scatterPlot', boundary, ['predict', 'level', 'resolution'])
  const { predict, level = 0.5, resolution = 300 } = boundary as Record<string, unknown>
  checkFunction('scatterPlot', 'boundary.predict', predict)
  checkFinite('scatterPlot', 'boundary.level', level)
  checkInteger('scatterPlot', 'boundary.resolution', resolution, 2, 1000)
  return { predict: predict as ScatterBoundary['predict'], level, resolution }
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
