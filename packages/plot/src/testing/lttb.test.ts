import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lttb } from './lttb'

/**
 * The algorithm as the paper states it, written independently: the points
 * between the first and the last cut into `threshold - 2` buckets
 * (bucket b holds indices floor(b * size) + 1 up to floor((b + 1) * size)),
 * a third point per bucket taken as the mean of the next bucket (the last
 * point for the last bucket), and the largest triangle area (the shoelace formula),
 * first maximum on ties.
 */
function referenceLttb(xs: readonly number[], ys: readonly number[], threshold: number): number[] {
  const n = xs.length
  if (n <= threshold) return xs.map((_, i) => i)
  const size = (n - 2) / (threshold - 2)
  const buckets: number[][] = []
  for (let b = 0; b < threshold - 2; b++) {
    const bucket: number[] = []
    for (let i = Math.floor(b * size) + 1; i < Math.floor((b + 1) * size) + 1; i++) bucket.push(i)
    buckets.push(bucket)
  }
  buckets.push([n - 1])
  const chosen = [0]
  for (let b = 0; b < threshold - 2; b++) {
    const next = buckets[b + 1]!
    const cx = next.reduce((sum, i) => sum + xs[i]!, 0) / next.length
    const cy = next.reduce((sum, i) => sum + ys[i]!, 0) / next.length
    const a = chosen.at(-1)!
    let best = buckets[b]![0]!
    let bestArea = -1
    for (const i of buckets[b]!) {
      const area = 0.5 * Math.abs(xs[a]! * (ys[i]! - cy) + xs[i]! * (cy - ys[a]!) + cx * (ys[a]! - ys[i]!))
      if (area > bestArea) {
        bestArea = area
        best = i
      }
    }
    chosen.push(best)
  }
  chosen.push(n - 1)
  return chosen
}

const series = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 }).chain((ys) =>
  fc
    .array(fc.double({ min: 0.001, max: 10, noNaN: true }), { minLength: ys.length, maxLength: ys.length })
    .map((gaps) => {
      let x = 0
      return { xs: gaps.map((gap) => (x += gap)), ys }
    }),
)

describe('lttb', () => {
  it('keeps the spike of the documented example', () => {
    expect(lttb([0, 1, 2, 3, 4], [0, 5, 0, 0, 0], 3)).toEqual([0, 1, 4])
  })

  it('returns a series of at most threshold points whole', () => {
    expect(lttb([1, 2, 3], [3, 1, 2], 3)).toEqual([0, 1, 2])
    expect(lttb([7], [1], 10)).toEqual([0])
    expect(lttb([], [], 10)).toEqual([])
  })

  it('takes the first point of a bucket when areas tie (a straight line)', () => {
    const xs = Array.from({ length: 10 }, (_, i) => i)
    expect(lttb(xs, xs, 4)).toEqual([0, 1, 5, 9])
  })

  it('matches a plain transcription of the paper on random series', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 3, max: 40 }), ({ xs, ys }, threshold) => {
        expect(lttb(xs, ys, threshold)).toEqual(referenceLttb(xs, ys, threshold))
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the first and last points, min(n, threshold) increasing indices, one per bucket', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 3, max: 40 }), ({ xs, ys }, threshold) => {
        const kept = lttb(new Float64Array(xs), new Float64Array(ys), threshold)
        expect(kept).toHaveLength(Math.min(xs.length, threshold))
        expect(kept[0]).toBe(0)
        expect(kept.at(-1)).toBe(xs.length - 1)
        for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!)
      }),
      { numRuns: 300 },
    )
  })
})
