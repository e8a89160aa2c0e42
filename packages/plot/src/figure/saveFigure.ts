import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, extname } from 'node:path'
import { ConfigError, checkString } from '@gradstream/core'
import { checkPngOptions, toPng } from './toPng'
import type { PngOptions } from './toPng'

/**
 * Writes a figure to `path` as SVG text or, for a `.png` path, as a PNG
 * image, creating the folder if needed.
 *
 * @example
 * saveFigure('out/data.svg', svg)
 * saveFigure('out/data.png', svg, { scale: 2 })
 */
export function saveFigure(path: string, svg: string, options: PngOptions = {}): void {
  checkString('saveFigure', 'path', path)
  checkString('saveFigure', 'svg', svg)
  checkPngOptions('saveFigure', options)
  const extension = extname(path).toLowerCase()
  if (extension !== '.svg' && extension !== '.png') {
    throw new ConfigError('saveFigure', `the path must end in .svg or .png, got ${JSON.stringify(path)}`)
  }
  const bytes = extension === '.png' ? toPng(svg, options) : svg
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, bytes)
}
