import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GrowingDownsample } from './growingDownsample'
import { lttb } from '../testing/lttb'
import { MetricSeries } from './metricSeries'

function seriesOf(values: readonly number[], firstStep = 1): MetricSeries {
  const series = new MetricSeries()
  values.forEach((value, i) => series.push(firstStep + i, value))
  return series
}

const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 2000 })

/** The points a page holds after `view` when it had `held` of the same epoch: the stable ones it kept, then the rest. */
function merged(held: readonly number[], view: { indices: readonly number[] }, keep: number): number[] {
  return [...held.slice(0, keep), ...view.indices.slice(keep)]
}

describe('GrowingDownsample', () => {
  it('is plain LTTB when the whole chunks cover every point between the first and the last', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 4, max: 200 }), (ys, maxPoints) => {
        const series = seriesOf(ys)
        const view = new GrowingDownsample(maxPoints).view(series)
        const n = ys.length
        const buckets = view.indices.length - 2
        // every bucket whole: n - 2 points in `buckets` chunks of one width
        fc.pre(n > maxPoints && buckets > 0 && (n - 2) % buckets === 0 && view.stable === buckets)
        expect(view.indices).toEqual(lttb(series.steps, series.values, buckets + 2))
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same points however the series arrived, between maxPoints / 2 and maxPoints of them, first and last kept', () => {
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
            sampler.view(growing)
          }
          for (const value of ys.slice(at)) growing.push(1 + at++, value)
          const kept = sampler.view(growing).indices
          expect(kept).toEqual(new GrowingDownsample(maxPoints).view(seriesOf(ys)).indices)
          expect(kept.length).toBeLessThanOrEqual(Math.min(ys.length, maxPoints))
          // a merge leaves (maxPoints - 2) / 2 whole chunks, a point each, besides the first and last
          if (ys.length > maxPoints) expect(kept.length).toBeGreaterThanOrEqual(1 + Math.floor(maxPoints / 2))
          expect([kept[0], kept.at(-1)]).toEqual([0, ys.length - 1])
          for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('keeps its stable points within an epoch: a page that appends what follows them holds what a fresh view gives', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 3, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 30 }),
        (ys, maxPoints, parts) => {
          const growing = new MetricSeries()
          const sampler = new GrowingDownsample(maxPoints)
          let page = { held: [] as number[], epoch: -1, stable: 0 }
          let at = 0
          for (const part of [...parts, ys.length]) {
            for (const value of ys.slice(at, at + part)) growing.push(1 + at++, value)
            const view = sampler.view(growing)
            const keep = view.epoch === page.epoch ? page.stable : 0
            page = { held: merged(page.held, view, keep), epoch: view.epoch, stable: view.stable }
            expect(page.held).toEqual(view.indices)
            expect(page.held).toEqual(new GrowingDownsample(maxPoints).view(growing).indices)
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('re-buckets only a few times over a long run, so most updates send a few points', () => {
    const sampler = new GrowingDownsample(1000)
    const series = new MetricSeries()
    const epochs = new Set<number>()
    let sent = 0
    let last = { epoch: -1, stable: 0 }
    for (let step = 1; step <= 200_000; step++) {
      series.push(step, 1 / Math.sqrt(step) + 0.01 * Math.sin(step / 50))
      if (step % 100 !== 0) continue
      const view = sampler.view(series)
      epochs.add(view.epoch)
      sent += view.indices.length - (view.epoch === last.epoch ? last.stable : 0)
      last = view
    }
    // whole up to 1000 points, then a new epoch at each doubling of the width: 1 + log2(200000 / 1000) or so
    expect(epochs.size).toBeLessThanOrEqual(10)
    // 2000 updates: a few points each, and about 1000 at each of the few re-buckets
    expect(sent / 2000).toBeLessThan(15)
  })

  it('keeps a one-step spike of a long series', () => {
    const ys = Array.from({ length: 100_000 }, (_, i) => 1 / Math.sqrt(i + 1))
    ys[61_234] = 50
    expect(new GrowingDownsample(100).view(seriesOf(ys)).indices).toContain(61_234)
  })

  it('starts over when the run restarts and the series is cut back, in a new epoch', () => {
    const ys = Array.from({ length: 5000 }, (_, i) => Math.sin(i / 30))
    const series = seriesOf(ys)
    const sampler = new GrowingDownsample(20)
    const before = sampler.view(series)
    series.push(1000, 7) // steps 1000.. again: cut back to 999 points, then this one
    expect(series.length).toBe(1000)
    const after = sampler.view(series)
    expect(after.indices).toEqual(new GrowingDownsample(20).view(series).indices)
    expect(after.epoch).not.toBe(before.epoch)
  })
})
