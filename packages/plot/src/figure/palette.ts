import { interpolateBlues, interpolateRdBu, interpolateSinebow, schemeTableau10 } from 'd3-scale-chromatic'

/** The colour of the i-th line of a chart (Tableau 10, as matplotlib's default cycle). */
export function lineColor(i: number): string {
  return schemeTableau10[i % schemeTableau10.length]!
}

/**
 * matplotlib's `cmap="RdBu"` with `vmin`/`vmax`: low values red, high values
 * blue. The seed uses vmin -0.2 and vmax 1.2, so labels 0 and 1 get clear,
 * not extreme, shades.
 */
export function rdBu(value: number, [vmin, vmax]: readonly [number, number]): string {
  const t = Math.min(1, Math.max(0, (value - vmin) / (vmax - vmin)))
  return interpolateRdBu(t)
}

/**
 * The colour of class `i` of `classes` on a categorical map: Tableau 10 (as
 * matplotlib's default cycle) for up to 10 classes, and beyond that evenly
 * spaced hues of d3's sinebow, so that no two classes share a colour.
 */
export function classColor(i: number, classes: number): string {
  return classes <= schemeTableau10.length ? lineColor(i) : interpolateSinebow(i / classes)
}

/** matplotlib's `cmap="Blues"` on [0, 1]: near white at 0, dark blue at 1. */
export function blues(t: number): string {
  return interpolateBlues(Math.min(1, Math.max(0, t)))
}

/**
 * Black or white, whichever reads better on `fill` (`#rrggbb` or
 * `rgb(r, g, b)`): white when the fill's relative luminance (sRGB, as WCAG
 * defines it) is below 0.179, where white and black have equal contrast.
 */
export function textColorOn(fill: string): string {
  const channels = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.test(fill)
    ? [1, 3, 5].map((at) => parseInt(fill.slice(at, at + 2), 16))
    : Array.from(fill.matchAll(/\d+/g), ([digits]) => Number(digits)).slice(0, 3)
  const [r = 0, g = 0, b = 0] = channels.map((c) => {
    const v = c / 255
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.179 ? 'white' : 'black'
}
