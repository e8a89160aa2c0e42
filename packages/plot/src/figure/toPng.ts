import { ConfigError } from '@gradstream/tensor'
import { Resvg } from '@resvg/resvg-js'

export interface PngOptions {
  /** Pixels per SVG unit (default 1; 2 for a sharp image on high-density screens). */
  readonly scale?: number
}

/**
 * Renders an SVG document to PNG bytes with resvg (a Rust renderer shipped
 * as prebuilt binaries; nothing is downloaded at install time). Text uses
 * the system's fonts.
 *
 * @example
 * writeFileSync('out/loss.png', toPng(lineChart(series), { scale: 2 }))
 */
export function toPng(svg: string, { scale = 1 }: PngOptions = {}): Uint8Array {
  if (!(scale > 0 && scale <= 16)) throw new ConfigError('toPng', `scale must be in (0, 16], got ${scale}`)
  const renderer = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
  return renderer.render().asPng()
}
