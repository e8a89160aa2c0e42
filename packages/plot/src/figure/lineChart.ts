import { ConfigError, checkBoolean, checkOptions } from '@gradstream/core'
import { extent } from 'd3-array'
import { scaleLinear, scaleLog } from 'd3-scale'
import { line } from 'd3-shape'
import { checkSeries } from '../series/lineSeries'
import type { LineSeries, Point } from '../series/lineSeries'
import { FIGURE_KEYS, axes, clipToArea, layout } from './frame'
import type { FigureOptions } from './frame'
import { areaBesideLegend, legendMarks } from './legend'
import type { LegendEntry } from './legend'
import { lineColor } from './palette'
import { escapeXml, svgDocument } from './svg'

export interface LineChartOptions extends FigureOptions {
  /** A logarithmic y axis, every power of ten labelled; points with y <= 0 are left out. */
  readonly logY?: boolean
  /** Show the legend of the drawn lines (default: when there are several lines). */
  readonly legend?: boolean
}

/** Dash patterns that tell a run's metrics apart when colours tell runs apart. */
const DASHES = ['', '7 4', '2 3', '10 3 2 3', '4 4 1 4']

/** A line ready to draw: its points, colour, dash, and what the legend calls it. */
interface DrawnLine {
  readonly name: string
  readonly run: string | undefined
  readonly points: readonly Point[]
  readonly color: string
  readonly dash: string
}

/**
 * An SVG line chart of one or more series over a shared x axis (steps), with
 * axes, grid, an optional log scale and a legend outside the data area, on
 * its right: for a loss curve, the terms of a loss, or several runs.
 *
 * - Series that name a `run` (see `collectSeries`'s `run` option) are grouped
 *   by it: one colour per run, one dash pattern per metric, and the legend
 *   lists the runs' colours, then the metrics' dashes.
 * - A constant series (two points or more, one y value) beside series that
 *   vary is not drawn: the legend states its value (`lr = 0.001
 *   (constant)`, after its run's name if it has one), so a constant learning rate neither takes a panel nor
 *   squeezes the other lines. When every series is constant, they are drawn
 *   as flat lines in the middle of the y axis.
 *
 * @example
 * const svg = lineChart([{ name: 'loss', points: [[1, 0.9], [2, 0.5], [3, 0.3]] }], { logY: true, xLabel: 'step' })
 * saveFigure('out/loss.svg', svg)
 */
export function lineChart(series: readonly LineSeries[], options: LineChartOptions = {}): string {
  checkSeries('lineChart', series)
  checkOptions('lineChart', options, [...FIGURE_KEYS, 'logY', 'legend'])
  const { logY = false, legend = series.length > 1 } = options
  checkBoolean('lineChart', 'logY', logY)
  checkBoolean('lineChart', 'legend', legend)
  const layoutResult = layout('lineChart', options)
  const kept = series.map((s) => ({ ...s, points: s.points.filter((p) => isDrawable(p, logY)) }))
  if (kept.every((s) => s.points.length === 0)) {
    throw new ConfigError(
      'lineChart',
      logY ? 'no points with a finite y > 0 to draw on a log scale' : 'no finite points to draw',
    )
  }
  const varying = kept.filter((s) => !isConstant(s.points))
  const constants = varying.length === 0 ? [] : kept.filter((s) => isConstant(s.points))
  const lines = styleLines(varying.length === 0 ? kept : varying)
  const entries = [...(legend ? lineEntries(lines) : []), ...constants.map(constantEntry)]
  const area = areaBesideLegend(layoutResult.area, entries)
  const all = lines.flatMap((s) => s.points)
  // `all` is not empty, so the extents are defined; a single x value gets a unit-wide domain
  const [x0 = 0, x1 = x0] = extent(all, ([px]) => px)
  const x = scaleLinear([x0, x1 > x0 ? x1 : x0 + 1], [area.left, area.right]).nice()
  const y = (logY ? scaleLog : scaleLinear)(yDomain(all, logY), [area.bottom, area.top]).nice()
  const path = line<Point>(
    (p) => x(p[0]),
    (p) => y(p[1]),
  ).digits(2)
  const body = [
    ...axes(x, y, area, options),
    `<defs>${clipToArea('plot-area', area)}</defs>`,
    '<g class="series" clip-path="url(#plot-area)" fill="none" stroke-width="1.75">',
    ...lines.map((s) => {
      const run = s.run === undefined ? '' : ` data-run="${escapeXml(s.run)}"`
      const dash = s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`
      return `<path class="line" data-name="${escapeXml(s.name)}"${run} stroke="${s.color}"${dash} d="${path(s.points) ?? ''}"/>`
    }),
    '</g>',
    ...legendMarks(entries, area),
  ]
  return svgDocument(layoutResult.width, layoutResult.height, body)
}

function isDrawable([x, y]: Point, logY: boolean): boolean {
  return Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0)
}

function isConstant(points: readonly Point[]): boolean {
  return points.length >= 2 && points.every(([, y]) => y === points[0]![1])
}

/**
 * The y range of the points; a single value sits in the middle of a range
 * around it (±10%, ±1 at 0; a decade either side on a log axis), not on an edge.
 */
function yDomain(points: readonly Point[], logY: boolean): [number, number] {
  const [y0 = 1, y1 = y0] = extent(points, ([, py]) => py)
  if (y1 > y0) return [y0, y1]
  if (logY) return [y0 / 10, y0 * 10]
  const margin = y0 === 0 ? 1 : Math.abs(y0) * 0.1
  return [y0 - margin, y0 + margin]
}

/** Colours and dashes: one colour per series, or with runs one colour per run and one dash per metric. */
function styleLines(series: readonly LineSeries[]): DrawnLine[] {
  const grouped = series.some((s) => s.run !== undefined)
  const runs = [...new Set(series.map((s) => s.run ?? s.name))]
  const metrics = [...new Set(series.map((s) => s.name))]
  return series.map((s, i) => ({
    name: s.name,
    run: s.run,
    points: s.points,
    color: lineColor(grouped ? runs.indexOf(s.run ?? s.name) : i),
    dash: grouped ? DASHES[metrics.indexOf(s.name) % DASHES.length]! : '',
  }))
}

/** The legend of drawn lines: a row per line, or with runs a row per run's colour, then per metric's dash. */
function lineEntries(lines: readonly DrawnLine[]): LegendEntry[] {
  if (!lines.some((s) => s.run !== undefined)) {
    return lines.map((s) => ({ kind: 'line', label: s.name, color: s.color }))
  }
  const runs = new Map(lines.map((s) => [s.run ?? s.name, s.color]))
  const metrics = new Map(lines.map((s) => [s.name, s.dash]))
  const runEntries = [...runs].map(([run, color]): LegendEntry => ({ kind: 'line', label: run, color }))
  if (metrics.size < 2) return runEntries
  return [
    ...runEntries,
    { kind: 'text', label: '' },
    ...[...metrics].map(([metric, dash]): LegendEntry => ({ kind: 'line', label: metric, dash })),
  ]
}

/** A constant series summarised as text, with its run when it has one. */
function constantEntry(s: LineSeries): LegendEntry {
  const value = Number(s.points[0]![1].toPrecision(4))
  const run = s.run === undefined ? '' : `${s.run}: `
  return { kind: 'text', label: `${run}${s.name} = ${value} (constant)`, className: 'constant' }
}
