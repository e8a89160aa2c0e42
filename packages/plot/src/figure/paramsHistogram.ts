import { ConfigError, StructureError, checkBoolean, checkInteger, checkOptions, describe } from '@gradstream/core'
import { Tensor } from '@gradstream/tensor'
import { scaleLinear } from 'd3-scale'
import type { ScaleLinear } from 'd3-scale'
import { FIGURE_KEYS, axes, layout, titleMark } from './frame'
import type { Area, FigureOptions } from './frame'
import { areaBesideLegend, legendMarks } from './legend'
import type { LegendEntry } from './legend'
import { lineColor } from './palette'
import { escapeXml, px, svgDocument } from './svg'

/** What `paramsHistogram` draws: one param's values, or several by name (params, or one param at several steps). */
export type HistogramValues = Tensor | readonly number[] | Readonly<Record<string, Tensor | readonly number[]>>

export interface ParamsHistogramOptions extends FigureOptions {
  /** How many equal-width bins span the values (default 30). */
  readonly bins?: number
  /** One small panel per name, on shared axes, instead of outlines overlaid in one panel (default false). */
  readonly multiples?: boolean
}

/** One named set of values and its counts per bin. */
interface Histogram {
  readonly name: string
  readonly counts: readonly number[]
  readonly dropped: number
}

/** Space between small multiples: the next panel's tick labels on the left, the panel's name above. */
const GAP = { x: 56, y: 44 }
/** Room above the first row of panels for their names, below the title. */
const NAME_ROOM = 12

/**
 * An SVG histogram of a param's values (a weight matrix, a bias, a
 * gradient), or of several by name: overlaid outlines in one panel, or with
 * `multiples` small panels on shared axes, so that the spread of a layer's
 * weights can be compared across params or across steps of a run.
 *
 * All histograms share the same bins: `bins` equal widths from the smallest
 * to the largest finite value, each bin holding `[low, high)` and the last
 * one `[low, high]`, as numpy's `np.histogram` counts. NaN and infinite
 * values are left out, and the legend says how many.
 *
 * @example
 * const svg = paramsHistogram({ 'step 0': w0, 'step 1000': w1000 }, { bins: 40, title: 'dense_1/kernel' })
 * saveFigure('out/weights.svg', svg)
 */
export function paramsHistogram(values: HistogramValues, options: ParamsHistogramOptions = {}): string {
  const fn = 'paramsHistogram'
  checkOptions(fn, options, [...FIGURE_KEYS, 'bins', 'multiples'])
  const { bins = 30, multiples = false, xLabel = 'value', yLabel = 'count' } = options
  checkInteger(fn, 'bins', bins, 1, 1000)
  checkBoolean(fn, 'multiples', multiples)
  const { width, height, area: whole } = layout(fn, options)
  const named = namedValues(fn, values)
  const finite = named.flatMap(({ values: v }) => v.filter(Number.isFinite))
  if (finite.length === 0) throw new ConfigError(fn, 'no finite values to draw')
  const low = finite.reduce((a, b) => Math.min(a, b))
  const high = finite.reduce((a, b) => Math.max(a, b))
  // a single value gets a unit-wide range around it
  const [x0, x1] = high > low ? [low, high] : [low - 0.5, high + 0.5]
  const histograms = named.map(({ name, values: v }) => ({ name, ...countBins(v, x0, x1, bins) }))
  const entries = legendEntries(histograms, multiples)
  const area = areaBesideLegend(whole, entries)
  const title = multiples && options.title !== undefined ? [titleMark(options.title, (area.left + area.right) / 2)] : []
  return svgDocument(width, height, [
    ...histogramMarks(histograms, [x0, x1], area, multiples, { ...options, xLabel, yLabel }),
    ...title,
    ...legendMarks(entries, area),
    ...droppedNote(histograms, width, height),
  ])
}

/**
 * Axes and outlines: all histograms in `area` (axes once, the figure's labels and title), or one per panel on
 * the same scales, the x label under the bottom row and the y label left of the first column.
 */
function histogramMarks(
  histograms: readonly Histogram[],
  xDomain: readonly [number, number],
  area: Area,
  multiples: boolean,
  labels: FigureOptions,
): string[] {
  const most = Math.max(...histograms.flatMap((h) => h.counts))
  const columns = Math.ceil(Math.sqrt(histograms.length))
  const panels = multiples ? panelAreas(area, histograms.length) : histograms.map(() => area)
  return histograms.flatMap((histogram, i) => {
    const panel = panels[i]!
    const x = scaleLinear(xDomain, [panel.left, panel.right])
    const y = scaleLinear([0, most], [panel.bottom, panel.top]).nice()
    const panelLabels = {
      xLabel: i + columns >= histograms.length ? labels.xLabel : undefined,
      yLabel: i % columns === 0 ? labels.yLabel : undefined,
    }
    return [
      ...(multiples ? axes(x, y, panel, panelLabels) : i === 0 ? axes(x, y, panel, labels) : []),
      ...(multiples ? [panelName(histogram.name, panel)] : []),
      outline(histogram, x, y, lineColor(multiples ? 0 : i)),
    ]
  })
}

/** The values as named arrays of numbers; a single tensor or array is named `values`. */
function namedValues(fn: string, values: unknown): { name: string; values: number[] }[] {
  if (values instanceof Tensor || Array.isArray(values))
    return [{ name: 'values', values: numbers(fn, 'values', values) }]
  if (typeof values !== 'object' || values === null) {
    throw new ConfigError(
      fn,
      `values must be a Tensor, an array of numbers or an object of them, got ${describe(values)}`,
    )
  }
  const entries = Object.entries(values)
  if (entries.length === 0) throw new ConfigError(fn, 'values must name at least one param, got {}')
  return entries.map(([name, v]) => ({ name, values: numbers(fn, `values.${name}`, v) }))
}

/** A tensor's or an array's numbers; anything else is refused, naming where it was found. */
function numbers(fn: string, where: string, values: unknown): number[] {
  if (values instanceof Tensor) return Array.from(values.toFlatArray())
  if (!Array.isArray(values)) {
    throw new ConfigError(fn, `${where} must be a Tensor or an array of numbers, got ${describe(values)}`)
  }
  const list: unknown[] = Array.from(values)
  const bad = list.findIndex((v) => typeof v !== 'number')
  if (bad >= 0) throw new StructureError(fn, `${where}[${bad}] must be a number, got ${describe(list[bad])}`)
  return list as number[]
}

/**
 * Counts per bin of equal width over `[x0, x1]`, the last bin closed; non-finite values counted apart.
 * As numpy's `np.histogram`, the bin found by division is corrected against the edges themselves, so a
 * value on an edge always opens the bin above it, whatever the division rounded to.
 */
function countBins(values: readonly number[], x0: number, x1: number, bins: number): Omit<Histogram, 'name'> {
  const width = (x1 - x0) / bins
  const edge = (b: number) => b * width + x0 // np.linspace's edges: i * step + start
  const counts = new Array<number>(bins).fill(0)
  let dropped = 0
  for (const v of values) {
    if (!Number.isFinite(v)) {
      dropped++
      continue
    }
    let b = Math.min(bins - 1, Math.max(0, Math.floor(((v - x0) / (x1 - x0)) * bins)))
    if (v < edge(b)) b--
    else if (b < bins - 1 && v >= edge(b + 1)) b++
    counts[b]! += 1
  }
  return { counts, dropped }
}

/** A histogram as a step outline over its bins, lightly filled so overlaid ones stay readable. */
function outline(
  { name, counts }: Histogram,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  color: string,
): string {
  const [x0 = 0, x1 = 1] = x.domain()
  const edge = (b: number) => px(x(x0 + ((x1 - x0) * b) / counts.length))
  const steps = counts.map((count, b) => `H${edge(b)}V${px(y(count))}H${edge(b + 1)}`).join('')
  const d = `M${edge(0)} ${px(y(0))}${steps}V${px(y(0))}Z`
  return `<path class="histogram" data-name="${escapeXml(name)}" data-counts="${counts.join(' ')}" d="${d}" fill="${color}" fill-opacity="0.25" stroke="${color}" stroke-width="1.5"/>`
}

/** The panels of small multiples: a near-square grid, filled row by row. */
function panelAreas(area: Area, n: number): Area[] {
  const columns = Math.ceil(Math.sqrt(n))
  const rows = Math.ceil(n / columns)
  const width = (area.right - area.left + GAP.x) / columns - GAP.x
  const height = (area.bottom - area.top - NAME_ROOM + GAP.y) / rows - GAP.y
  return Array.from({ length: n }, (_, i) => {
    const left = area.left + (i % columns) * (width + GAP.x)
    const top = area.top + NAME_ROOM + Math.floor(i / columns) * (height + GAP.y)
    return {
      left: Math.round(left),
      top: Math.round(top),
      right: Math.round(left + width),
      bottom: Math.round(top + height),
    }
  })
}

/** A panel's name above it. */
function panelName(name: string, panel: Area): string {
  return `<text class="panel-name" x="${px((panel.left + panel.right) / 2)}" y="${px(panel.top - 6)}" text-anchor="middle">${escapeXml(name)}</text>`
}

/** Overlaid histograms are named by colour in a legend; small multiples by the names above their panels. */
function legendEntries(histograms: readonly Histogram[], multiples: boolean): LegendEntry[] {
  if (multiples || histograms.length < 2) return []
  return histograms.map((h, i) => ({ kind: 'swatch', label: h.name, color: lineColor(i) }))
}

/** A footnote in the bottom-right corner saying how many NaN and infinite values each histogram left out. */
function droppedNote(histograms: readonly Histogram[], width: number, height: number): string[] {
  const dropped = histograms.filter((h) => h.dropped > 0).map((h) => `${h.name} ${h.dropped}`)
  if (dropped.length === 0) return []
  const text = `non-finite values left out: ${dropped.join(', ')}`
  return [
    `<text class="dropped" x="${width - 8}" y="${height - 6}" text-anchor="end" font-size="10" fill="#555">${escapeXml(text)}</text>`,
  ]
}
