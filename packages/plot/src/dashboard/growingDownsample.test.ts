import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GrowingDownsample } from './growingDownsample'
import { lttb } from './lttb'
import { MetricSeries } from './metricSeries'

function seriesOf(values: readonly number[], firstStep = 1): MetricSeries {
  const series = new MetricSeries()
  values.forEach((value, i) => series.push(firstStep + i, value))
  return series
}

const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 2000 })

describe('GrowingDownsample', () => {
  it('is plain LTTB while every point is a chunk of its own (up to 2 * maxPoints points)', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 3, max: 500 }), (ys, maxPoints) => {
        fc.pre(ys.length <= 2 * maxPoints)
        const series = seriesOf(ys)
        expect(new GrowingDownsample(maxPoints).indices(series)).toEqual(lttb(series.steps, series.values, maxPoints))
      }),
      { numRuns: 100 },
    )
  })

  it('gives the same points however the series arrived, at most maxPoints of them, first and last kept', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 3, max: 30 }),
        fc.array(fc.integer({ min: 1, max: 300 })),
        (ys, maxPoints, parts) => {
          const growing = new MetricSeries()
          const sampler = new GrowingDownsample(maxPoints)
          let at = 0
          for (const part of parts) {
            for (const value of ys.slice(at, at + part)) growing.push(1 + at++, value)
            sampler.indices(growing)
          }
          for (const value of ys.slice(at)) growing.push(1 + at++, value)
          const kept = sampler.indices(growing)
          expect(kept).toEqual(new GrowingDownsample(maxPoints).indices(seriesOf(ys)))
          expect(kept.length).toBe(Math.min(ys.length, maxPoints))
          expect([kept[0], kept.at(-1)]).toEqual([0, ys.length - 1])
          for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('keeps a one-step spike of a long series', () => {
    const ys = Array.from({ length: 100_000 }, (_, i) => 1 / Math.sqrt(i + 1))
    ys[61_234] = 50
    expect(new GrowingDownsample(100).indices(seriesOf(ys))).toContain(61_234)
  })

  it('starts over when the run restarts and the series is cut back', () => {
    const ys = Array.from({ length: 5000 }, (_, i) => Math.sin(i / 30))
    const series = seriesOf(ys)
    const sampler = new GrowingDownsample(20)
    sampler.indices(series)
    series.push(1000, 7) // steps 1000.. again: cut back to 999 points, then this one
    expect(series.length).toBe(1000)
    expect(sampler.indices(series)).toEqual(new GrowingDownsample(20).indices(series))
  })
})
