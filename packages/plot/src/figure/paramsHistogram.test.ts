import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { paramsHistogram } from './paramsHistogram'

const histograms = (svg: string) =>
  Array.from(
    svg.matchAll(/<path class="histogram" data-name="([^"]*)" data-counts="([^"]*)"/g),
    ([, name, counts]) => ({
      name,
      counts: counts!.split(' ').map(Number),
    }),
  )

/**
 * numpy's np.histogram(values, bins) counts, written plainly: edges as np.linspace makes them (`i * step +
 * low`, the last one exactly `high`), half-open bins, the last one closed.
 */
function referenceCounts(values: readonly number[], low: number, high: number, bins: number): number[] {
  const step = (high - low) / bins
  const edge = (b: number) => (b === bins ? high : b * step + low)
  const counts = new Array<number>(bins).fill(0)
  for (const v of values) {
    for (let b = 0; b < bins; b++) {
      const [from, to] = [edge(b), edge(b + 1)]
      if (v >= from && (v < to || (b === bins - 1 && v <= to))) {
        counts[b]! += 1
        break
      }
    }
  }
  return counts
}

describe('paramsHistogram', () => {
  it('counts a tensor into equal bins from its smallest to its largest value, the last bin closed', () => {
    const values = [0, 0.1, 0.25, 0.5, 0.5, 0.9, 1]
    const svg = paramsHistogram(tensor(values, [7]), { bins: 4 })
    expect(histograms(svg)).toEqual([{ name: 'values', counts: [2, 1, 2, 2] }])
    expect(referenceCounts(values, 0, 1, 4)).toEqual([2, 1, 2, 2])
  })

  it('bins several params on shared edges, overlaid, with a legend naming each colour', () => {
    const wide = Array.from({ length: 200 }, (_, i) => -2 + (4 * i) / 199)
    const narrow = Array.from({ length: 100 }, (_, i) => -0.5 + i / 99)
    const svg = paramsHistogram({ 'step 0': narrow, 'step 500': wide }, { bins: 8 })
    expect(histograms(svg)).toEqual([
      { name: 'step 0', counts: referenceCounts(narrow, -2, 2, 8) },
      { name: 'step 500', counts: referenceCounts(wide, -2, 2, 8) },
    ])
    expect([...svg.matchAll(/<rect class="swatch"[^>]*\/><text x="24"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      'step 0',
      'step 500',
    ])
    expect(svg).toContain('>value</text>')
    expect(svg).toContain('>count</text>')
  })

  it('draws small multiples on shared axes, each panel named', () => {
    const svg = paramsHistogram({ a: [0, 1], b: [0, 2], c: [1, 2] }, { bins: 2, multiples: true, title: 'weights' })
    expect(histograms(svg).map((h) => h.counts)).toEqual([
      [1, 1],
      [1, 1],
      [0, 2],
    ])
    expect([...svg.matchAll(/class="panel-name"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['a', 'b', 'c'])
    expect(svg.match(/<rect class="frame"/g)).toHaveLength(3)
    expect(svg).not.toContain('class="legend"')
    expect(svg.match(/class="title"/g)).toHaveLength(1)
  })

  it('leaves out NaN and infinities and says how many', () => {
    const svg = paramsHistogram({ w: [0, NaN, 1, Infinity] }, { bins: 2 })
    expect(histograms(svg)).toEqual([{ name: 'w', counts: [1, 1] }])
    expect(svg).toContain('>non-finite values left out: w 2</text>')
  })

  it('centres a unit-wide range on a single repeated value', () => {
    expect(histograms(paramsHistogram([3, 3, 3], { bins: 2 }))).toEqual([{ name: 'values', counts: [0, 3] }])
  })

  it('refuses what it cannot draw, naming the fault', () => {
    expect(() => paramsHistogram('w' as never)).toThrow(
      new ConfigError('paramsHistogram', 'values must be a Tensor, an array of numbers or an object of them, got "w"'),
    )
    expect(() => paramsHistogram({})).toThrow('paramsHistogram: values must name at least one param, got {}')
    expect(() => paramsHistogram({ w: [1, 'a'] } as never)).toThrow(
      new StructureError('paramsHistogram', 'values.w[1] must be a number, got "a"'),
    )
    expect(() => paramsHistogram({ w: 1 } as never)).toThrow(
      'paramsHistogram: values.w must be a Tensor or an array of numbers, got 1',
    )
    expect(() => paramsHistogram([NaN])).toThrow('paramsHistogram: no finite values to draw')
    expect(() => paramsHistogram([1], { bins: 0 })).toThrow(
      'paramsHistogram: bins must be an integer >= 1 and <= 1000, got 0',
    )
    expect(() => paramsHistogram([1], { stacked: true } as never)).toThrow(
      "paramsHistogram: unknown option 'stacked'; expected one of width, height, title, xLabel, yLabel, bins, multiples",
    )
  })

  it('puts a value by its bin edges, not by a rounded division, as numpy does', () => {
    // edges 0, 2.1 / 3 = 0.7000000000000001, ...: 0.7 lies below the second edge, though 0.7 / 2.1 * 3 is exactly 1
    expect(histograms(paramsHistogram([0, 0.7, 2.1], { bins: 3 }))).toEqual([{ name: 'values', counts: [2, 0, 1] }])
  })

  it('counts every value in the bin its edges give it, as numpy does, for random values', () => {
    const value = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 1000), // subnormal ranges have edges that collapse; not a param's
      fc.integer({ min: -50, max: 50 }).map((k) => k / 7), // values on or near edges that division rounds
    )
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (v, bins) => {
        const [low, high] = [Math.min(...v), Math.max(...v)]
        fc.pre(high > low)
        const [drawn] = histograms(paramsHistogram(v, { bins }))
        expect(drawn!.counts).toEqual(referenceCounts(v, low, high, bins))
      }),
      { numRuns: 200 },
    )
  })

  it('leaves its input untouched', () => {
    const values = [3, 1, 2]
    paramsHistogram({ w: values })
    expect(values).toEqual([3, 1, 2])
  })
})
