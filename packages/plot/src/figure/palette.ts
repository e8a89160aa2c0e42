import { interpolateRdBu, schemeTableau10 } from 'd3-scale-chromatic'

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
