import { ConfigError, checkBoolean, checkOptions } from '@gradstream/core'
import { extent } from 'd3-array'
import { scaleLinear, scaleLog } from 'd3-scale'
import { line } from 'd3-shape'
import { checkSeries } from '../series/lineSeries'
import type { LineSeries, Point } from '../series/lineSeries'
import { FIGURE_KEYS, axes, clipToArea, layout } from './frame'
import type { Area, FigureOptions } from './frame'
import { lineColor } from './palette'
import { escapeXml, px, svgDocument } from './svg'

export interface LineChartOptions extends FigureOptions {
  /** A logarithmic y axis; points with y <= 0 are left out. */
  readonly logY?: boolean
  /** Show the legend (default: when there are several lines). */
  readonly legend?: boolean
}

/**
 * An SVG line chart of one or more series over a shared x axis (steps), with
 * axes, grid, an optional log scale and a legend: for a loss curve, the
 * terms of a loss, or several runs on one chart.
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
  const { width, height, area } = layout('lineChart', options)
  const lines = series.map((s) => ({ name: s.name, points: s.points.filter((p) => isDrawable(p, logY)) }))
  const all = lines.flatMap((s) => s.points)
  if (all.length === 0) {
    throw new ConfigError(
      'lineChart',
      logY ? 'no points with a finite y > 0 to draw on a log scale' : 'no finite points to draw',
    )
  }
  // `all` is not empty, so the extents are defined; a single x or y value gets a unit-wide domain.
  const [x0 = 0, x1 = x0] = extent(all, ([px]) => px)
  const [y0 = 1, y1 = y0] = extent(all, ([, py]) => py)
  const x = scaleLinear([x0, x1 > x0 ? x1 : x0 + 1], [area.left, area.right]).nice()
  const y = logY
    ? scaleLog([y0, y1 > y0 ? y1 : y0 * 10], [area.bottom, area.top]).nice()
    : scaleLinear([y0, y1 > y0 ? y1 : y0 + 1], [area.bottom, area.top]).nice()
  const path = line<Point>(
    (p) => x(p[0]),
    (p) => y(p[1]),
  ).digits(2)
  const body = [
    ...axes(x, y, area, options),
    `<defs>${clipToArea('plot-area', area)}</defs>`,
    '<g class="series" clip-path="url(#plot-area)" fill="none" stroke-width="1.75">',
    ...lines.map(
      (s, i) =>
        `<path class="line" data-name="${escapeXml(s.name)}" stroke="${lineColor(i)}" d="${path(s.points) ?? ''}"/>`,
    ),
    '</g>',
    ...(legend
      ? legendBox(
          lines.map((s) => s.name),
          area,
        )
      : []),
  ]
  return svgDocument(width, height, body)
}

function isDrawable([x, y]: Point, logY: boolean): boolean {
  return Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0)
}

/** Names with colour swatches, in the plot's top-right corner. */
function legendBox(names: readonly string[], area: Area): string[] {
  const rowHeight = 18
  const boxWidth = 34 + 7 * Math.max(...names.map((n) => n.length))
  const left = area.right - boxWidth - 8
  const top = area.top + 8
  return [
    `<g class="legend" transform="translate(${px(left)} ${px(top)})">`,
    `<rect width="${boxWidth}" height="${names.length * rowHeight + 8}" fill="white" fill-opacity="0.85" stroke="#bbb"/>`,
    ...names.map((name, i) => {
      const rowY = 4 + i * rowHeight + rowHeight / 2
      return `<line x1="6" x2="24" y1="${rowY}" y2="${rowY}" stroke="${lineColor(i)}" stroke-width="2"/><text x="30" y="${rowY}" dy="0.32em">${escapeXml(name)}</text>`
    }),
    '</g>',
  ]
}
