import { ConfigError, checkBoolean, checkInteger, checkOptions, checkString } from '@gradstream/core'
import { blue, colored, green, magenta, plot, red, yellow, cyan } from 'asciichart'
import { checkSeries } from '../series/lineSeries'
import type { LineSeries, Point } from '../series/lineSeries'

export interface TerminalChartLayout {
  /** Columns of the plot area (default 60); each column is one resampled x position. */
  readonly width?: number
  /** Rows of the plot area (default 10). */
  readonly height?: number
  /** Plot log10 of the values (non-positive values are left out); axis labels show the values. */
  readonly logY?: boolean
  /** Colour the lines with ANSI codes (for terminals). */
  readonly colors?: boolean
  /** A heading line above the chart. */
  readonly title?: string
}

const PALETTE = [blue, red, green, magenta, yellow, cyan]
/** Most columns and rows a chart may have: far beyond any terminal, and a bound on the text it builds. */
export const MAX_CHART_SIZE = 1000
export const LAYOUT_KEYS = ['width', 'height', 'logY', 'colors', 'title'] as const
const LABEL_WIDTH = 10

/**
 * Draws lines over a shared x range as a text chart (asciichart), with a
 * legend when there are several lines, and each line's name written after
 * its last point, so lines are told apart without colour. Each line is
 * resampled to `width` columns by linear interpolation; before its first
 * and after its last point it is held at its end values.
 *
 * @example
 * console.log(renderTerminalChart([{ name: 'loss', points: [[1, 1], [2, 0.5], [3, 0.25]] }], { height: 5 }))
 */
export function renderTerminalChart(series: readonly LineSeries[], layout: TerminalChartLayout = {}): string {
  checkSeries('renderTerminalChart', series)
  checkOptions('renderTerminalChart', layout, LAYOUT_KEYS)
  checkLayout('renderTerminalChart', layout)
  const { width = 60, height = 10, logY = false, colors = false, title } = layout
  const lines = plottableLines(series, logY)
  if (lines.length === 0) {
    throw new ConfigError(
      'renderTerminalChart',
      logY ? 'no positive finite values to draw on a log scale' : 'no finite values to draw',
    )
  }
  const xs = lines.flatMap((line) => line.points.map(([x]) => x))
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)]
  const columns = xMin === xMax ? 1 : width
  const toY = logY ? Math.log10 : (y: number) => y
  const rows = lines.map((line) =>
    Array.from({ length: columns }, (_, c) =>
      toY(interpolate(line.points, xMin + ((xMax - xMin) * c) / Math.max(columns - 1, 1))),
    ),
  )
  const palette = colors ? lines.map((_, i) => PALETTE[i % PALETTE.length]) : []
  const chart = plot(rows, {
    height,
    colors: palette,
    format: (y) => formatTick(logY ? 10 ** y : y).padStart(LABEL_WIDTH),
  })
  const chartRows = lines.length > 1 ? labelEnds(chart.split('\n'), rows, lines, palette, height) : [chart]
  const axis = `${' '.repeat(LABEL_WIDTH + 1)}${formatTick(xMin)}${formatTick(xMax).padStart(Math.max(columns - formatTick(xMin).length, 1))}`
  const legend =
    lines.length > 1 ? [lines.map((line, i) => colored('──', palette[i]) + ' ' + line.name).join('   ')] : []
  return [...(title === undefined ? [] : [title]), ...chartRows, axis, ...legend].join('\n')
}

/**
 * The chart's rows with each line's name after its last point (names that
 * end on one row joined by commas). The row is found by asciichart's own
 * scaling: values times height / (max - min), rounded, counted from the top.
 */
function labelEnds(
  chartRows: readonly string[],
  values: readonly number[][],
  lines: readonly LineSeries[],
  palette: readonly (string | undefined)[],
  height: number,
): string[] {
  const all = values.flat()
  const [min, max] = [Math.min(...all), Math.max(...all)]
  const ratio = max !== min ? height / (max - min) : 1
  const [min2, max2] = [Math.round(min * ratio), Math.round(max * ratio)]
  const labels = chartRows.map((): string[] => [])
  values.forEach((row, i) => {
    const endRow = Math.abs(max2 - min2) - (Math.round(row[row.length - 1]! * ratio) - min2)
    labels[endRow]?.push(colored(lines[i]!.name, palette[i]))
  })
  return chartRows.map((row, r) => (labels[r]!.length === 0 ? row : `${row}${labels[r]!.join(', ')}`))
}

/** Throws unless each layout option given is of its kind and in range. */
export function checkLayout(fn: string, { width, height, logY, colors, title }: TerminalChartLayout): void {
  if (width !== undefined) checkInteger(fn, 'width', width, 2, MAX_CHART_SIZE)
  if (height !== undefined) checkInteger(fn, 'height', height, 1, MAX_CHART_SIZE)
  if (logY !== undefined) checkBoolean(fn, 'logY', logY)
  if (colors !== undefined) checkBoolean(fn, 'colors', colors)
  if (title !== undefined) checkString(fn, 'title', title)
}

/** The lines with their drawable points only (finite, and positive on a log scale); empty lines dropped. */
export function plottableLines(series: readonly LineSeries[], logY: boolean): LineSeries[] {
  const drawable = ([x, y]: Point) => Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0)
  return series
    .map((line) => ({ name: line.name, points: line.points.filter(drawable) }))
    .filter((line) => line.points.length > 0)
}

/** The line's y at x: linear between neighbouring points, held at the ends. */
function interpolate(points: readonly Point[], x: number): number {
  const first = points[0]!
  const last = points[points.length - 1]!
  if (x <= first[0]) return first[1]
  if (x >= last[0]) return last[1]
  const after = points.findIndex(([px]) => px >= x)
  const [x0, y0] = points[after - 1]!
  const [x1, y1] = points[after]!
  return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
}

/** Short axis labels: four significant digits, exponent notation for very small or large values. */
export function formatTick(value: number): string {
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  if (magnitude < 1e-3 || magnitude >= 1e5) return value.toExponential(2)
  return String(Number(value.toPrecision(4)))
}
