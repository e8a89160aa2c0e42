import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { scatterPlot } from './scatterPlot'

const circles = (svg: string) =>
  [
    ...svg.matchAll(
      /<circle class="point" data-label="([^"]+)" cx="([^"]+)" cy="([^"]+)" r="[^"]+" fill="rgb\((\d+), (\d+), (\d+)\)"/g,
    ),
  ].map((m) => ({
    label: Number(m[1]),
    cx: Number(m[2]),
    cy: Number(m[3]),
    rgb: [Number(m[4]), Number(m[5]), Number(m[6])],
  }))

describe('scatterPlot', () => {
  it('draws one white-edged circle per point, label 0 red and label 1 blue (RdBu)', () => {
    const svg = scatterPlot({
      points: [
        [0, 0],
        [1, 1],
        [0.5, 0.25],
      ],
      labels: [0, 1, 1],
    })
    const drawn = circles(svg)
    expect(drawn.map((c) => c.label)).toEqual([0, 1, 1])
    const [red, blue] = drawn
    expect(red!.rgb[0]).toBeGreaterThan(red!.rgb[2]!)
    expect(blue!.rgb[2]).toBeGreaterThan(blue!.rgb[0]!)
    expect(svg).toContain('<g class="points" clip-path="url(#scatter-area)" stroke="white"')
  })

  it('autoscales with a 5% margin, as matplotlib does', () => {
    // x and y span [0, 1], so the axes span [-0.05, 1.05] over the area 64..620 and 432..36
    const [first, second] = circles(
      scatterPlot({
        points: [
          [0, 0],
          [1, 1],
        ],
      }),
    )
    expect(first!.cx).toBeCloseTo(64 + (556 * 0.05) / 1.1, 2)
    expect(first!.cy).toBeCloseTo(432 - (396 * 0.05) / 1.1, 2)
    expect(second!.cx).toBeCloseTo(620 - (556 * 0.05) / 1.1, 2)
  })

  it('takes tensors: [n, 2] points and [n, 1] labels', () => {
    const svg = scatterPlot({
      points: tensor([
        [0, 1],
        [1, 0],
      ]),
      labels: tensor([[1], [0]]),
    })
    expect(circles(svg).map((c) => c.label)).toEqual([1, 0])
  })

  it('draws contour lines over the points, in data coordinates', () => {
    const svg = scatterPlot(
      {
        points: [
          [0, 0],
          [1, 1],
        ],
      },
      {
        contours: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
        xDomain: [0, 1],
        yDomain: [0, 1],
      },
    )
    expect(svg).toMatch(/<path class="contour" d="M64 432L620 36"\/>/)
    expect(svg.indexOf('class="contour"')).toBeGreaterThan(svg.lastIndexOf('class="point"'))
  })

  it('throws on points that are not [n, 2]', () => {
    expect(() => scatterPlot({ points: tensor([[1, 2, 3]]) })).toThrow(
      'scatterPlot: points must have shape [n, 2], got [1, 3]',
    )
  })

  it('throws when labels and points differ in number', () => {
    expect(() => scatterPlot({ points: [[0, 0]], labels: [0, 1] })).toThrow(
      'scatterPlot: there are 1 points but 2 labels',
    )
  })

  it('names bad points, labels, contours and ranges', () => {
    expect(() =>
      scatterPlot({
        points: [
          [0, 1],
          [1, 'a'],
        ] as never,
      }),
    ).toThrow(new StructureError('scatterPlot', 'points[1] must be an [x, y] pair of numbers, got an array'))
    expect(() => scatterPlot({ points: [[0, 1]], labels: ['a'] as never })).toThrow(
      'scatterPlot: labels[0] must be a number, got "a"',
    )
    // eslint-disable-next-line no-sparse-arrays -- a hole where a point should be
    expect(() => scatterPlot({ points: [[0, 1], , [1, 0]] as never })).toThrow(
      'scatterPlot: points[1] must be an [x, y] pair of numbers, got undefined',
    )
    expect(() => scatterPlot({ points: [[0, 1]] }, { contours: 0 as never })).toThrow(
      new ConfigError('scatterPlot', 'contours must be an array of lines, got 0'),
    )
    expect(() => scatterPlot({ points: [[0, 1]] }, { xDomain: [1, 0] })).toThrow(
      'scatterPlot: xDomain must be [low, high], finite numbers with low < high, got an array',
    )
  })
})
