import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, ShapeError } from '@gradstream/core'
import { PNG } from 'pngjs'
import { afterAll, describe, expect, it } from 'vitest'
import { lineChart } from './lineChart'
import { saveFigure } from './saveFigure'
import { toPng } from './toPng'

const svg = lineChart(
  [
    {
      name: 'loss',
      points: [
        [0, 1],
        [10, 0.1],
      ],
    },
  ],
  { width: 320, height: 200 },
)

/** Pixels that are not white. */
function inkedPixels(png: PNG): number {
  let count = 0
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i]! < 250 || png.data[i + 1]! < 250 || png.data[i + 2]! < 250) count++
  }
  return count
}

describe('toPng', () => {
  it('renders a PNG of the SVG size with ink on a white background', () => {
    const png = PNG.sync.read(Buffer.from(toPng(svg)))
    expect([png.width, png.height]).toEqual([320, 200])
    expect(png.data.subarray(0, 4)).toEqual(Buffer.from([255, 255, 255, 255])) // top-left corner: background
    expect(inkedPixels(png)).toBeGreaterThan(1000)
  })

  it('scales the image', () => {
    const png = PNG.sync.read(Buffer.from(toPng(svg, { scale: 2 })))
    expect([png.width, png.height]).toEqual([640, 400])
  })

  it('rejects a scale out of range', () => {
    expect(() => toPng(svg, { scale: 0 })).toThrow(new ConfigError('toPng', 'scale must be in (0, 16], got 0'))
    // @ts-expect-error: not an option
    expect(() => toPng(svg, { zoom: 2 })).toThrow("toPng: unknown option 'zoom'; expected one of scale")
  })

  it('refuses an image beyond MAX_PNG_PIXELS before drawing it', () => {
    const huge =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="9" height="9"/></svg>'
    expect(() => toPng(huge)).toThrow(ShapeError)
    expect(() => toPng(huge)).toThrow(
      'toPng: the image would be 100000 x 100000 pixels; at most 100000000 pixels (10000 x 10000) are rendered',
    )
  })

  it('refuses an image smaller than one pixel', () => {
    expect(() => toPng(svg, { scale: 1e-3 })).toThrow(
      'toPng: the image would be 0.32 x 0.2 pixels; it needs at least 1 x 1',
    )
  })

  it('refuses text that is not an SVG document or not a string', () => {
    expect(() => toPng('<html/>')).toThrow(/^toPng: svg is not an SVG document resvg can read: /)
    // @ts-expect-error: the SVG is text
    expect(() => toPng(Buffer.from(svg))).toThrow(new ConfigError('toPng', 'svg must be a string, got a Buffer'))
  })
})

describe('saveFigure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradstream-plot-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes SVG text or PNG bytes by extension, creating folders', () => {
    saveFigure(join(dir, 'out', 'chart.svg'), svg)
    saveFigure(join(dir, 'out', 'chart.png'), svg)
    expect(readFileSync(join(dir, 'out', 'chart.svg'), 'utf8')).toBe(svg)
    expect(PNG.sync.read(readFileSync(join(dir, 'out', 'chart.png'))).width).toBe(320)
  })

  it('rejects other extensions', () => {
    expect(() => saveFigure(join(dir, 'chart.jpg'), svg)).toThrow('saveFigure: the path must end in .svg or .png, got')
  })

  it('checks its options before creating any folder', () => {
    expect(() => saveFigure(join(dir, 'new', 'chart.png'), svg, { scale: 20 })).toThrow(
      'saveFigure: scale must be in (0, 16], got 20',
    )
    expect(existsSync(join(dir, 'new'))).toBe(false)
  })
})
