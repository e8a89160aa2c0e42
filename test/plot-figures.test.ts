// The seed's figures drawn by @gradstream/plot: the 150-point data set of the
// regularization section as a scatter plot, and a model's decision boundary
// over it, checked in the SVG text and in the decoded PNG.
import { readFileSync } from 'node:fs'
import { decisionBoundary, scatterPlot, toPng } from '@gradstream/plot'
import { mul, sigmoid, square, sub, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'

interface Golden {
  datasets: {
    regularization_150pts: { data: [number, number][]; label: number[]; count_label0: number; count_label1: number }
  }
}
const golden = JSON.parse(readFileSync(new URL('./golden/numpy-randomstate.json', import.meta.url), 'utf8')) as Golden
const { data, label, count_label0, count_label1 } = golden.datasets.regularization_150pts

// A small fixed model: logistic regression on the squared inputs, weights 10, 10 and bias -10,
// so its 0.5 level is the circle x² + y² = 1 that the seed's labels were drawn with.
const model = (points: Tensor) => sigmoid(mul(sub(sum(square(points), 1), 1), 10))
// The seed's grid for the unregularized plot: np.mgrid[-1.2:1.2:.01, -0.2:2.2:.01]
const boundary = decisionBoundary(model, { x: [-1.2, 1.2], y: [-0.2, 2.2], step: 0.01 })
const svg = scatterPlot(
  { points: tensor(data), labels: tensor(label, [label.length, 1]) },
  { contours: boundary, title: 'data' },
)

const circles = [...svg.matchAll(/<circle class="point" data-label="(\d)"[^>]* fill="rgb\((\d+), \d+, (\d+)\)"/g)]

describe("the seed's scatter plot and decision boundary", () => {
  it('has one point per sample, coloured by label (RdBu: 0 red, 1 blue)', () => {
    expect(circles).toHaveLength(150)
    const byLabel = (l: string) => circles.filter((m) => m[1] === l)
    expect([byLabel('0').length, byLabel('1').length]).toEqual([count_label0, count_label1])
    expect(byLabel('0').every((m) => Number(m[2]) > Number(m[3]))).toBe(true)
    expect(byLabel('1').every((m) => Number(m[3]) > Number(m[2]))).toBe(true)
  })

  it('has axes: a frame and tick labels covering the data', () => {
    expect(svg).toContain('class="frame"')
    // d3-format writes negative numbers with a true minus sign, U+2212
    const ticks = (axis: string) =>
      [...svg.matchAll(new RegExp(`class="tick ${axis}"[^>]*>([^<]*)<`, 'g'))].map((m) =>
        Number(m[1]!.replace('\u2212', '-')),
      )
    const [xTicks, yTicks] = [ticks('x'), ticks('y')]
    expect(Math.min(...xTicks)).toBeLessThanOrEqual(-1)
    expect(Math.max(...xTicks)).toBeGreaterThanOrEqual(1)
    expect(Math.min(...yTicks)).toBeLessThanOrEqual(0)
    expect(Math.max(...yTicks)).toBeGreaterThanOrEqual(2)
  })

  it("has a contour path along the model's 0.5 level", () => {
    expect(svg.match(/<path class="contour" d="M[^"]+"/g)).toHaveLength(1)
    expect(boundary).toHaveLength(1)
    for (const [x, y] of boundary[0]!) expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(1e-3)
  })

  it('renders to a PNG of the figure size that shows red and blue points and a black line', () => {
    const png = PNG.sync.read(Buffer.from(toPng(svg)))
    expect([png.width, png.height]).toEqual([640, 480])
    let red = 0
    let blue = 0
    let black = 0
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!]
      if (r > 150 && g < 110 && b < 110) red++
      if (b > 150 && r < 110) blue++
      if (r < 40 && g < 40 && b < 40) black++
    }
    expect(red).toBeGreaterThan(60 * 20) // each marker covers ~60 pixels
    expect(blue).toBeGreaterThan(90 * 20)
    expect(black).toBeGreaterThan(500) // the boundary arc and the frame
  })
})
