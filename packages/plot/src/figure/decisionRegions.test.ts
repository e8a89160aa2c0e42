import { ConfigError, DTypeError, GradstreamError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { interpolateRdBu, schemeTableau10 } from 'd3-scale-chromatic'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decisionRegions } from './decisionRegions'

// A 3 x 2 grid: points (0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1), x varying slowest.
const region = { x: [0, 3], y: [0, 2], step: 1 } as const

/** A model whose scores for each grid point are `score(x, y)`. */
const model =
  (score: (x: number, y: number) => number[]) =>
  (points: Tensor): Tensor =>
    tensor((points.toArray() as number[][]).map(([x, y]) => score(x!, y!)))

const rects = (svg: string) => {
  const regions = svg.slice(svg.indexOf('<g class="regions"'), svg.indexOf('</g>', svg.indexOf('<g class="regions"')))
  return Array.from(
    regions.matchAll(/<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" fill="([^"]+)"/g),
    ([, x, y, width, height, fill]) => ({
      x: Number(x),
      y: Number(y),
      width: Number(width),
      height: Number(height),
      fill,
    }),
  )
}
const circles = (svg: string) =>
  Array.from(svg.matchAll(/<circle class="point" data-label="(\d+)" [^>]*fill="([^"]+)"/g), ([, label, fill]) => ({
    label: Number(label),
    fill,
  }))
const legend = (svg: string) =>
  Array.from(
    svg.matchAll(
      /<rect class="swatch" data-class="(\d+)" [^>]*fill="([^"]+)"[^>]*\/>\s*<text class="class-name"[^>]*>([^<]*)</g,
    ),
    ([, i, fill, name]) => ({ i: Number(i), fill, name }),
  )
const band = (p: number) => interpolateRdBu(p) // the RdBu shade of a probability band's middle

describe('decisionRegions', () => {
  it('fills each grid cell with the colour of its highest-scoring class, over the whole plot area', () => {
    const svg = decisionRegions(
      model((x) => [0, 1, 2].map((c) => (c === x ? 1 : 0))),
      { region },
    )
    // area 64..534 (the legend takes 86 px) and 432..36; x spans [-0.5, 2.5], y [-0.5, 1.5]
    const width = (534 - 64) / 3
    expect(rects(svg)).toEqual(
      [1, 0]
        .flatMap((j) =>
          [0, 1, 2].map((i) => ({
            x: expect.closeTo(64 + i * width, 2) as unknown as number,
            y: j === 1 ? 36 : 234,
            width: expect.closeTo(width, 2) as unknown as number,
            height: 198,
            fill: schemeTableau10[i],
          })),
        )
        .sort((a, b) => b.y - a.y),
    )
  })

  it('merges neighbouring cells of one class along x into one rectangle', () => {
    const drawn = rects(
      decisionRegions(
        model(() => [0, 1, 0]),
        { region },
      ),
    )
    expect(drawn.map((r) => [r.x, r.width, r.fill])).toEqual([
      [64, 470, schemeTableau10[1]],
      [64, 470, schemeTableau10[1]],
    ])
  })

  it("gives a tie to the lowest index (TF's argmax) and leaves cells with NaN scores white", () => {
    const drawn = rects(
      decisionRegions(
        model((x) => (x === 0 ? [NaN, 1, 2] : [3, 5, 5])),
        { region },
      ),
    )
    expect(drawn.map((r) => [r.x, r.fill])).toEqual([
      [expect.closeTo(64 + 470 / 3, 2), schemeTableau10[1]],
      [expect.closeTo(64 + 470 / 3, 2), schemeTableau10[1]],
    ])
  })

  it('shades 2 classes by the probability of class 1 in bands of 0.1, from two logits or one probability', () => {
    // logits [0, ln 3]: softmax gives 0.75, band (0.7, 0.8]
    const fromLogits = rects(
      decisionRegions(
        model(() => [0, Math.log(3)]),
        { region },
      ),
    )
    expect(fromLogits.map((r) => r.fill)).toEqual([band(0.75), band(0.75)])
    // exactly 0.5 goes with class 0 (band (0.4, 0.5]); values beyond [0, 1] shade as the ends
    const fromProbabilities = (points: Tensor) =>
      tensor((points.toArray() as number[][]).map(([x]) => [0.5, -3, 1.2][x!]!))
    expect(rects(decisionRegions(fromProbabilities, { region })).map((r) => r.fill)).toEqual(
      [1, 2].flatMap(() => [band(0.45), band(0.05), band(0.95)]),
    )
  })

  it('draws the data in its class colours and names each colour in the legend', () => {
    const svg = decisionRegions(
      model(() => [1, 0, 0]),
      {
        region,
        data: {
          points: tensor([
            [0.5, 0.5],
            [1, 1],
            [2, 0],
          ]),
          labels: tensor([2, 0, 1]),
        },
        classNames: ['a<b', 'dog', 'cat'],
      },
    )
    expect(circles(svg)).toEqual([2, 0, 1].map((label) => ({ label, fill: schemeTableau10[label] })))
    expect(legend(svg)).toEqual(['a&lt;b', 'dog', 'cat'].map((name, i) => ({ i, fill: schemeTableau10[i], name })))
    expect(svg).not.toContain('class="band"')
  })

  it("colours 2 classes as scatterPlot does (RdBu's ends) and keys the shading", () => {
    const svg = decisionRegions(
      model(() => [0.9]),
      {
        region,
        data: { points: [[1, 1]], labels: [1] },
        classNames: ['inside', 'outside'],
      },
    )
    const [zero, one] = legend(svg)
    expect(zero!.fill).toBe(interpolateRdBu(0.2 / 1.4))
    expect(one!.fill).toBe(interpolateRdBu(1.2 / 1.4))
    expect(circles(svg)).toEqual([{ label: 1, fill: one!.fill }])
    expect(svg).toContain('>P(outside)</text>')
    expect(svg.match(/class="band"/g)).toHaveLength(10)
  })

  it('gives more than 10 classes distinct colours', () => {
    const svg = decisionRegions(
      model(() => new Array<number>(12).fill(0)),
      { region },
    )
    const fills = legend(svg).map((entry) => entry.fill)
    expect(fills).toHaveLength(12)
    expect(new Set(fills).size).toBe(12)
  })

  it('names what it cannot draw', () => {
    expect(() => decisionRegions(() => 1 as never, { region })).toThrow(
      new DTypeError('decisionRegions', 'predict must return a Tensor, got 1'),
    )
    expect(() => decisionRegions(() => tensor([[1, 2]]), { region })).toThrow(
      new ShapeError(
        'decisionRegions',
        "predict must return [6] or [6, classes] scores for the grid's 6 points, got [1, 2]",
      ),
    )
    const three = model(() => [1, 0, 0])
    expect(() => decisionRegions(three, { region, data: { points: [[0, 0]], labels: [3] } })).toThrow(
      new ConfigError('decisionRegions', 'data.labels[0] must be a class index from 0 to 2, got 3'),
    )
    expect(() => decisionRegions(three, { region, data: { points: [[0, 0]] } as never })).toThrow(
      new ConfigError('decisionRegions', 'data.labels must be given: one class index per point'),
    )
    expect(() => decisionRegions(three, { region, classNames: ['a', 'b'] })).toThrow(
      new ShapeError('decisionRegions', 'classNames has 2 names for 3 classes'),
    )
    expect(() => decisionRegions(three, { region: { ...region, step: 0 } })).toThrow(
      new ConfigError('decisionRegions', 'region.step must be a finite number > 0, got 0'),
    )
    expect(() => decisionRegions(three, { region, level: 0.5 } as never)).toThrow(
      "decisionRegions: unknown option 'level'; expected one of width, height, title, xLabel, yLabel, region, data, classNames, equalAspect",
    )
  })

  it('labels its axes and keeps one unit as long on x as on y with equalAspect', () => {
    const wide = { x: [0, 8], y: [0, 2], step: 1 } as const
    const svg = decisionRegions(
      model(() => [1, 0, 0]),
      { region: wide, xLabel: 'x1', yLabel: 'x2', equalAspect: true },
    )
    expect(svg).toContain('>x1</text>')
    expect(svg).toContain('>x2</text>')
    const [, w, h] = svg.match(/<rect class="frame" x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"/)!
    // the grid's cells span x -0.5..7.5 and y -0.5..1.5: 8 units by 2
    expect(Number(w) / Number(h)).toBeCloseTo(4, 1)
    expect(() =>
      decisionRegions(
        model(() => [1, 0, 0]),
        { region, equalAspect: 1 as never },
      ),
    ).toThrow(new ConfigError('decisionRegions', 'equalAspect must be a boolean, got 1'))
  })

  it('draws or throws a named error for random options, and leaves them untouched', () => {
    const anything = fc.anything({ maxDepth: 2, maxKeys: 3 })
    const options = fc.record(
      {
        region: fc.oneof(fc.constant(region), anything),
        data: fc.oneof(fc.constant({ points: [[0, 0]], labels: [1] }), anything),
        classNames: fc.oneof(fc.constant(['a', 'b', 'c']), anything),
        title: anything,
      },
      { requiredKeys: [] },
    )
    const three = model(() => [1, 0, 0])
    fc.assert(
      fc.property(options, (o) => {
        const before = JSON.stringify(o)
        try {
          expect(decisionRegions(three, o as never)).toMatch(/^<svg /)
        } catch (error) {
          expect(error).toBeInstanceOf(GradstreamError)
          expect((error as Error).message).toMatch(/^decisionRegions: /)
        }
        expect(JSON.stringify(o)).toBe(before)
      }),
      { numRuns: 150 },
    )
  })
})
