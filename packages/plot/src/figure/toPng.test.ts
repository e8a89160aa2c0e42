import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
    expect(() => toPng(svg, { scale: 0 })).toThrow('toPng: scale must be in (0, 16], got 0')
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
})
