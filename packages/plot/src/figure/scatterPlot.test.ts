import { ConfigError, StructureError } from '@gradstream/core'
import { sub, sum, square, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
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

  describe('classes', () => {
    const three = {
      points: [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const,
      labels: [0, 1, 2, 1],
    }
    const fills = (svg: string) => [...svg.matchAll(/<circle class="point" [^>]* fill="([^"]+)"/g)].map((m) => m[1])

    it('colours class indices categorically (Tableau 10) and names each colour in a legend', () => {
      const svg = scatterPlot(three, { classNames: ['cat', 'dog', 'bird'] })
      expect(fills(svg)).toEqual(['#4e79a7', '#f28e2c', '#e15759', '#f28e2c'])
      const swatches = [...svg.matchAll(/<rect class="swatch" [^>]* fill="([^"]+)"[^>]*\/><text x="24"[^>]*>([^<]*)</g)]
      expect(swatches.map((m) => [m[1], m[2]])).toEqual([
        ['#4e79a7', 'cat'],
        ['#f28e2c', 'dog'],
        ['#e15759', 'bird'],
      ])
    })

    it('names classes 0 .. k-1 when categorical without names, k from the largest label', () => {
      const svg = scatterPlot(three, { categorical: true })
      expect([...svg.matchAll(/<text x="24"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['0', '1', '2'])
    })

    it('keeps the legend outside the data area', () => {
      const svg = scatterPlot(three, { categorical: true })
      const frame = svg.match(/<rect class="frame" x="(\d+)" y="\d+" width="([\d.]+)"/)!
      const legendX = Number(svg.match(/<g class="legend" transform="translate\(([\d.]+) /)![1])
      expect(legendX).toBeGreaterThan(Number(frame[1]) + Number(frame[2]))
    })

    it('refuses labels that are not class indices, and names that miscount the classes', () => {
      expect(() => scatterPlot({ points: [[0, 0]], labels: [0.5] }, { categorical: true })).toThrow(
        new ConfigError('scatterPlot', 'labels[0] must be a class index from 0 to 0, got 0.5'),
      )
      expect(() => scatterPlot(three, { classNames: ['a', 'b'] })).toThrow(
        'scatterPlot: labels[2] must be a class index from 0 to 1, got 2',
      )
      expect(() => scatterPlot(three, { categorical: 'yes' as never })).toThrow(
        'scatterPlot: categorical must be a boolean, got "yes"',
      )
    })
  })

  it('draws one data unit as long on x as on y with equalAspect, the box centred', () => {
    const svg = scatterPlot({ points: [[0, 0]] }, { xDomain: [0, 4], yDomain: [0, 1], equalAspect: true })
    const [, x, y, w, h] = svg.match(
      /<rect class="frame" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/,
    )!
    // area 556 x 396 px: x limits, 139 px a unit, so the box is 556 x 139, centred vertically in 36..432
    expect([Number(x), Number(y), Number(w), Number(h)]).toEqual([64, 165, 556, 139])
  })

  describe('boundary', () => {
    it('draws the boundary over the whole plotted range, up to the edges', () => {
      const svg = scatterPlot(
        { points: [[0, 0]] },
        // 1.5 - (x² + y²) crosses 0.5 on the unit circle
        {
          xDomain: [-2, 0],
          yDomain: [-2, 2],
          boundary: { predict: (grid) => sub(tensor(1.5), sum(square(grid), 1)), resolution: 100 },
        },
      )
      const d = svg.match(/<path class="contour" d="([^"]+)"/)![1]!
      const xy = [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
      // the left half of the unit circle, reaching the right edge (x = 0 at 620 px) at both ends
      expect(Math.max(...xy.map(([px]) => px!))).toBeGreaterThanOrEqual(620)
      expect(Math.min(...xy.map(([px]) => px!))).toBeCloseTo(342, -1) // x = -1
    })

    it('refuses a bad boundary before evaluating anything', () => {
      expect(() => scatterPlot({ points: [[0, 0]] }, { boundary: { predict: 3 as never } })).toThrow(
        'scatterPlot: boundary.predict must be a function, got 3',
      )
      expect(() => scatterPlot({ points: [[0, 0]] }, { boundary: { predict: (g) => g, resolution: 5000 } })).toThrow(
        'scatterPlot: boundary.resolution must be an integer >= 2 and <= 1000, got 5000',
      )
      expect(() =>
        scatterPlot({ points: [[0, 0]] }, { boundary: { predict: (g: Tensor) => g, step: 1 } as never }),
      ).toThrow("scatterPlot: unknown option 'step'; expected one of predict, level, resolution")
    })
  })
})
