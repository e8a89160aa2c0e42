import { ConfigError, checkString, describe } from '@gradstream/core'
import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale'
import { escapeXml, px } from './svg'

/** Size and labels every figure takes. */
export interface FigureOptions {
  /** Width in pixels (default 640). */
  readonly width?: number
  /** Height in pixels (default 480). */
  readonly height?: number
  readonly title?: string
  readonly xLabel?: string
  readonly yLabel?: string
}

/** The plot area inside the margins, in pixels. */
export interface Area {
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
}

export type Scale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>

const MARGIN = { left: 64, right: 20, top: 36, bottom: 48 }

/** The keys of `FigureOptions`, for each figure's option check. */
export const FIGURE_KEYS = ['width', 'height', 'title', 'xLabel', 'yLabel'] as const

/** Validated figure size and labels, and the plot area. */
export function layout(
  fn: string,
  { width = 640, height = 480, title, xLabel, yLabel }: FigureOptions,
): { width: number; height: number; area: Area } {
  if (title !== undefined) checkString(fn, 'title', title)
  if (xLabel !== undefined) checkString(fn, 'xLabel', xLabel)
  if (yLabel !== undefined) checkString(fn, 'yLabel', yLabel)
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isFinite(value) || value < 160)
      throw new ConfigError(fn, `${name} must be at least 160 pixels, got ${describe(value)}`)
  }
  const area = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom }
  return { width, height, area }
}

/** Grid lines, tick labels, the frame, axis labels and the title. */
export function axes(x: Scale, y: Scale, area: Area, { title, xLabel, yLabel }: FigureOptions): string[] {
  const parts = ['<g class="axes" stroke-width="1">']
  // about one tick label per 64 px across and 60 px up, at most 8 and 6: small panels get fewer, not crowded ones
  const xCount = Math.max(2, Math.min(8, Math.round((area.right - area.left) / 64)))
  const yCount = Math.max(2, Math.min(6, Math.round((area.bottom - area.top) / 60)))
  for (const { value, label } of labelledTicks(x, xCount)) {
    const at = px(x(value))
    parts.push(`<line class="grid" x1="${at}" x2="${at}" y1="${area.top}" y2="${area.bottom}" stroke="#e5e5e5"/>`)
    parts.push(
      `<text class="tick x" x="${at}" y="${area.bottom + 16}" text-anchor="middle" fill="#333">${escapeXml(label)}</text>`,
    )
  }
  for (const { value, label } of labelledTicks(y, yCount)) {
    const at = px(y(value))
    parts.push(`<line class="grid" x1="${area.left}" x2="${area.right}" y1="${at}" y2="${at}" stroke="#e5e5e5"/>`)
    parts.push(
      `<text class="tick y" x="${area.left - 6}" y="${at}" dy="0.32em" text-anchor="end" fill="#333">${escapeXml(label)}</text>`,
    )
  }
  parts.push(
    `<rect class="frame" x="${area.left}" y="${area.top}" width="${area.right - area.left}" height="${area.bottom - area.top}" fill="none" stroke="#333"/>`,
  )
  const midX = px((area.left + area.right) / 2)
  const midY = px((area.top + area.bottom) / 2)
  if (xLabel)
    parts.push(
      `<text class="label x" x="${midX}" y="${area.bottom + 38}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    )
  if (yLabel) {
    parts.push(
      `<text class="label y" transform="translate(16 ${midY}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
    )
  }
  if (title) parts.push(titleMark(title, (area.left + area.right) / 2))
  parts.push('</g>')
  return parts
}

/** A figure's title, centred on `centreX` at the top. */
export function titleMark(title: string, centreX: number): string {
  return `<text class="title" x="${px(centreX)}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`
}

/**
 * The ticks an axis labels, each with its text. A log axis spanning two
 * decades or more labels every power of ten in its domain (d3 alone labels
 * only some of them once there are many); otherwise d3's ticks, in plain
 * text: 1000 rather than d3's default 1,000, 0.001 rather than 1m.
 */
export function labelledTicks(scale: Scale, count: number): { value: number; label: string }[] {
  if ('base' in scale) {
    const [d0 = 1, d1 = d0] = scale.domain()
    const [low, high] = [Math.ceil(Math.log10(Math.min(d0, d1))), Math.floor(Math.log10(Math.max(d0, d1)))]
    if (high - low >= 1) {
      const format = scale.tickFormat(Infinity, '~g')
      // Number(`1e${k}`) is the exact decimal power; 10 ** k can be off in the last bit
      return Array.from({ length: high - low + 1 }, (_, i) => Number(`1e${low + i}`)).map((value) => ({
        value,
        label: format(value),
      }))
    }
  }
  const format = 'base' in scale ? scale.tickFormat(count, '~g') : scale.tickFormat(count, '~f')
  return scale
    .ticks(count)
    .map((value) => ({ value, label: format(value) }))
    .filter(({ label }) => label !== '')
}

/**
 * The largest part of `area`, centred in it, where one unit of x spans as
 * many pixels as one unit of y, as matplotlib's `ax.set_aspect('equal')`
 * shrinks the axes box: circles in the data stay circles.
 */
export function equalAspectArea(
  area: Area,
  [x0, x1]: readonly [number, number],
  [y0, y1]: readonly [number, number],
): Area {
  const pixelsPerUnit = Math.min((area.right - area.left) / (x1 - x0), (area.bottom - area.top) / (y1 - y0))
  const [width, height] = [(x1 - x0) * pixelsPerUnit, (y1 - y0) * pixelsPerUnit]
  // whole pixels keep the frame's attributes short; the aspect is off by under a pixel in the figure's size
  const left = Math.round(area.left + (area.right - area.left - width) / 2)
  const top = Math.round(area.top + (area.bottom - area.top - height) / 2)
  return { left, top, right: left + Math.round(width), bottom: top + Math.round(height) }
}

/** A clip path to the plot area, so marks outside the domain do not spill over the axes. */
export function clipToArea(id: string, area: Area): string {
  return `<clipPath id="${id}"><rect x="${area.left}" y="${area.top}" width="${area.right - area.left}" height="${area.bottom - area.top}"/></clipPath>`
}
