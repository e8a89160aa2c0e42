import { ConfigError, ShapeError, checkInRange, checkOptions, checkString } from '@gradstream/core'
import type * as ResvgModule from '@resvg/resvg-js'
import { loadOnDemand } from '../loadOnDemand'

export interface PngOptions {
  /** Pixels per SVG unit (default 1; 2 for a sharp image on high-density screens); at most 16. */
  readonly scale?: number
}

/**
 * Most pixels a PNG may have: 10,000 x 10,000, a 400 MB image in memory
 * while it renders (a 640 x 480 figure at the largest scale, 16, is 79 million).
 * @example toPng('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>') // ShapeError, at once
 */
export const MAX_PNG_PIXELS = 100_000_000

/**
 * Renders an SVG document to PNG bytes with resvg (a Rust renderer shipped
 * as prebuilt binaries; nothing is downloaded at install time). Text uses
 * the system's fonts. The renderer is loaded on the first call, and an
 * image larger than `MAX_PNG_PIXELS` is refused before any pixel is drawn.
 *
 * @example
 * writeFileSync('out/loss.png', toPng(lineChart(series), { scale: 2 }))
 */
export function toPng(svg: string, options: PngOptions = {}): Uint8Array {
  checkString('toPng', 'svg', svg)
  checkPngOptions('toPng', options)
  const { scale = 1 } = options
  const { Resvg } = loadOnDemand<typeof ResvgModule>('@resvg/resvg-js')
  let renderer: ResvgModule.Resvg
  try {
    renderer = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    })
  } catch (error) {
    throw new ConfigError('toPng', `svg is not an SVG document resvg can read: ${(error as Error).message}`)
  }
  const [width, height] = [renderer.width * scale, renderer.height * scale]
  if (!(width >= 1 && height >= 1)) {
    throw new ShapeError('toPng', `the image would be ${width} x ${height} pixels; it needs at least 1 x 1`)
  }
  if (Math.ceil(width) * Math.ceil(height) > MAX_PNG_PIXELS) {
    throw new ShapeError(
      'toPng',
      `the image would be ${Math.ceil(width)} x ${Math.ceil(height)} pixels; at most ${MAX_PNG_PIXELS} pixels (10000 x 10000) are rendered`,
    )
  }
  return renderer.render().asPng()
}

/** Throws unless `options` are PNG options with a scale in (0, 16]. */
export function checkPngOptions(fn: string, options: unknown): asserts options is PngOptions {
  checkOptions(fn, options, ['scale'])
  const { scale } = options as PngOptions
  if (scale !== undefined) checkInRange(fn, 'scale', scale, 0, 16, { lowOpen: true })
}
