import { describe, expect, it } from 'vitest'
import { lineChart } from './lineChart'

// Default layout: 640 x 480 with margins left 64, right 20, top 36, bottom 48,
// so the plot area spans x 64..620 and y 432 (bottom) .. 36 (top).
const paths = (svg: string) => [...svg.matchAll(/<path class="line" data-name="([^"]*)" stroke="[^"]+" d="([^"]*)"/g)]

describe('lineChart', () => {
  it('maps the data range onto the plot area', () => {
    const svg = lineChart([
      {
        name: 'loss',
        points: [
          [0, 0],
          [5, 0.5],
          [10, 1],
        ],
      },
    ])
    expect(paths(svg).map((m) => [m[1], m[2]])).toEqual([['loss', 'M64,432L342,234L620,36']])
  })

  it('draws one path per series, a legend naming them, and escapes names', () => {
    const svg = lineChart([
      {
        name: 'loss_less=10',
        points: [
          [0, 1],
          [1, 2],
        ],
      },
      {
        name: 'a<b & c',
        points: [
          [0, 2],
          [1, 1],
        ],
      },
    ])
    expect(paths(svg).map((m) => m[1])).toEqual(['loss_less=10', 'a&lt;b &amp; c'])
    expect(svg).toContain('<g class="legend"')
    expect(svg).toContain('>a&lt;b &amp; c</text>')
  })

  it('has no legend for a single series unless asked', () => {
    const series = [
      {
        name: 'loss',
        points: [
          [0, 1],
          [1, 2],
        ] as const,
      },
    ]
    expect(lineChart(series)).not.toContain('class="legend"')
    expect(lineChart(series, { legend: true })).toContain('class="legend"')
  })

  it('draws axes with tick labels, axis labels and a title', () => {
    const svg = lineChart(
      [
        {
          name: 'loss',
          points: [
            [0, 0],
            [40000, 2],
          ],
        },
      ],
      { title: 'MSE', xLabel: 'step', yLabel: 'loss' },
    )
    const xTicks = [...svg.matchAll(/class="tick x"[^>]*>([^<]*)</g)].map((m) => m[1])
    expect(xTicks).toEqual(['0', '5000', '10000', '15000', '20000', '25000', '30000', '35000', '40000'])
    expect(svg).toContain('class="frame"')
    expect(svg).toMatch(/class="title"[^>]*>MSE</)
    expect(svg).toMatch(/class="label x"[^>]*>step</)
    expect(svg).toMatch(/class="label y"[^>]*>loss</)
  })

  it('uses a log scale with decade labels and leaves out non-positive values', () => {
    const svg = lineChart(
      [
        {
          name: 'mse',
          points: [
            [0, 1],
            [1, 0],
            [2, 0.01],
            [3, 0.0001],
          ],
        },
      ],
      { logY: true },
    )
    const yTicks = [...svg.matchAll(/class="tick y"[^>]*>([^<]*)</g)].map((m) => m[1])
    expect(yTicks).toEqual(['0.0001', '0.001', '0.01', '0.1', '1'])
    // three points left: y = 1 at the top, 1e-4 at the bottom
    expect(paths(svg)[0]![2]).toMatch(/^M64,36L\d+(\.\d+)?,234L620,432$/)
  })

  it('skips NaN points', () => {
    const svg = lineChart([
      {
        name: 'loss',
        points: [
          [0, 0],
          [5, NaN],
          [10, 1],
        ],
      },
    ])
    expect(paths(svg)[0]![2]).toBe('M64,432L620,36')
  })

  it('throws when there is nothing to draw', () => {
    expect(() => lineChart([])).toThrow('lineChart: no finite points to draw')
    expect(() => lineChart([{ name: 'a', points: [[0, -1]] }], { logY: true })).toThrow(
      'lineChart: no points with a finite y > 0 to draw on a log scale',
    )
  })

  it('throws on a figure too small to hold its axes', () => {
    expect(() => lineChart([{ name: 'a', points: [[0, 1]] }], { width: 100 })).toThrow(
      'lineChart: width must be at least 160 pixels, got 100',
    )
  })

  describe('several runs', () => {
    const runs = ['lr 0.1', 'lr 0.01'].flatMap((run, r) =>
      ['loss', 'accuracy'].map((name, m) => ({
        name,
        run,
        points: [
          [1, 1 + r + m],
          [2, 2 + r + m],
        ] as const,
      })),
    )

    it('gives each run a colour and each metric a dash, and names them in one legend', () => {
      const svg = lineChart(runs)
      const drawn = [
        ...svg.matchAll(
          /<path class="line" data-name="([^"]*)" data-run="([^"]*)" stroke="([^"]+)"( stroke-dasharray="[^"]+")?/g,
        ),
      ]
      expect(drawn.map((m) => [m[1], m[2]])).toEqual([
        ['loss', 'lr 0.1'],
        ['accuracy', 'lr 0.1'],
        ['loss', 'lr 0.01'],
        ['accuracy', 'lr 0.01'],
      ])
      expect(drawn[0]![3]).toBe(drawn[1]![3]) // one colour per run
      expect(drawn[0]![3]).not.toBe(drawn[2]![3])
      expect(drawn[0]![4]).toBeUndefined() // the first metric solid, the second dashed, in every run
      expect(drawn[1]![4]).toBe(drawn[3]![4])
      expect(drawn[1]![4]).toBeDefined()
      const legendTexts = [...svg.matchAll(/<g class="legend"[\s\S]*?<\/g>/g)][0]![0].match(/>([^<]*)<\/text>/g)
      expect(legendTexts).toEqual(['>lr 0.1</text>', '>lr 0.01</text>', '></text>', '>loss</text>', '>accuracy</text>'])
    })

    it('places the legend outside the data area, on its right', () => {
      const svg = lineChart(runs)
      const frame = svg.match(/<rect class="frame" x="(\d+)" y="\d+" width="([\d.]+)"/)!
      const legendX = Number(svg.match(/<g class="legend" transform="translate\(([\d.]+) /)![1])
      const frameRight = Number(frame[1]) + Number(frame[2])
      expect(legendX).toBeGreaterThan(frameRight)
      expect(legendX).toBeLessThan(640)
    })

    it('refuses a run that is not a string', () => {
      expect(() => lineChart([{ name: 'a', points: [], run: 3 } as never])).toThrow(
        'lineChart: series[0].run must be a string, got 3',
      )
    })
  })

  describe('constant series', () => {
    const loss = {
      name: 'loss',
      points: [
        [1, 4],
        [2, 2],
        [3, 1],
      ] as const,
    }
    const lr = {
      name: 'lr',
      points: [
        [1, 0.001],
        [2, 0.001],
        [3, 0.001],
      ] as const,
    }

    it('states a constant series in the legend instead of drawing it beside varying ones', () => {
      const svg = lineChart([loss, lr])
      expect(paths(svg).map((m) => m[1])).toEqual(['loss'])
      expect(svg).toContain('<text class="constant" x="0" y="27" dy="0.32em">lr = 0.001 (constant)</text>')
      const yTicks = [...svg.matchAll(/class="tick y"[^>]*>([^<]*)</g)].map((m) => Number(m[1]))
      expect(Math.min(...yTicks)).toBeGreaterThanOrEqual(1) // the y axis is the loss's, not stretched down to 0.001
    })

    it('draws constant series mid-height when nothing varies', () => {
      const svg = lineChart([lr], { height: 480 })
      // y domain 0.0009..0.0011 around the value: the line sits at the middle of 432..36
      expect(paths(svg)[0]![2]).toMatch(/^M64,234L\d+(\.\d+)?,234L620,234$/)
    })
  })

  it('labels every decade of a log axis spanning many decades', () => {
    const points = Array.from({ length: 13 }, (_, i) => [i, 10 ** -i] as const)
    const svg = lineChart([{ name: 'loss', points }], { logY: true })
    const yTicks = [...svg.matchAll(/class="tick y"[^>]*>([^<]*)</g)].map((m) => m[1])
    expect(yTicks).toEqual(Array.from({ length: 13 }, (_, i) => String(Number(`1e${i - 12}`))))
  })
})
