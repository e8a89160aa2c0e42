import type { Area } from './frame'
import { escapeXml, px } from './svg'

/**
 * One row of a figure's legend: a line (optionally dashed) or a filled
 * swatch in a colour, or plain text such as a heading or a constant series'
 * value.
 */
export interface LegendEntry {
  readonly kind: 'line' | 'swatch' | 'text'
  readonly label: string
  readonly color?: string
  /** An SVG `stroke-dasharray`, for lines told apart by their dash. */
  readonly dash?: string
  /** A class for the row's text, so tests and styles can find it. */
  readonly className?: string
}

const ROW_HEIGHT = 18
/** Space between the plot area and the legend. */
const GAP = 12
/** DejaVu Sans at 12 px averages under 7 px a character. */
const CHAR_WIDTH = 7

/** The width a legend of `entries` takes right of the plot, gap included. */
export function legendWidth(entries: readonly LegendEntry[]): number {
  return GAP + 30 + CHAR_WIDTH * Math.max(...entries.map((entry) => entry.label.length), 4)
}

/** The area left for the data once a legend of `entries` sits on its right, outside it. */
export function areaBesideLegend(area: Area, entries: readonly LegendEntry[]): Area {
  return entries.length === 0 ? area : { ...area, right: area.right - legendWidth(entries) }
}

/** The legend's rows right of `area` (the area it was made room for by `areaBesideLegend`), top-aligned. */
export function legendMarks(entries: readonly LegendEntry[], area: Area): string[] {
  if (entries.length === 0) return []
  return [
    `<g class="legend" transform="translate(${px(area.right + GAP)} ${px(area.top)})">`,
    ...entries.map((entry, i) => {
      const rowY = i * ROW_HEIGHT + ROW_HEIGHT / 2
      const textClass = entry.className === undefined ? '' : ` class="${entry.className}"`
      const text = `<text${textClass} x="${entry.kind === 'text' ? 0 : 24}" y="${rowY}" dy="0.32em">${escapeXml(entry.label)}</text>`
      const dash = entry.dash ? ` stroke-dasharray="${entry.dash}"` : ''
      if (entry.kind === 'line') {
        return `<line x1="0" x2="18" y1="${rowY}" y2="${rowY}" stroke="${entry.color ?? '#333'}" stroke-width="2"${dash}/>${text}`
      }
      if (entry.kind === 'swatch') {
        return `<rect class="swatch" x="3" y="${rowY - 6}" width="12" height="12" fill="${entry.color ?? '#333'}" stroke="#333" stroke-width="0.5"/>${text}`
      }
      return text
    }),
    '</g>',
  ]
}
