import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compressHistogram } from './histogramDistribution'

const hasNumpy = (() => {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!hasNumpy) console.warn('histogramDistribution.test.ts: python3 with numpy not found, so no numpy reference')

// TensorBoard's compress_histogram_proto (tensorboard/plugins/distribution/compressor.py), written out in numpy.
const REFERENCE = `
import json, sys
import numpy as np
BPS = (0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000)
def compress(h):
    if not h["num"]:
        return [0.0 for b in BPS]
    bucket = np.array(h["bucket"], dtype=np.float64)
    limit = list(h["bucketLimit"])
    weights = (bucket * BPS[-1] / (bucket.sum() or 1.0)).cumsum()
    values = []
    j = 0
    while j < len(BPS):
        i = np.searchsorted(weights, BPS[j], side="right")
        while i < len(weights):
            cumsum = weights[i]
            prev = weights[i - 1] if i > 0 else 0.0
            if cumsum == prev:
                i += 1
                continue
            lhs = h["min"] if not i or not prev else max(limit[i - 1], h["min"])
            rhs = min(limit[i], h["max"])
            values.append(float(lhs + (BPS[j] - prev) * float(rhs - lhs) / (cumsum - prev)))
            j += 1
            break
        else:
            break
    while j < len(BPS):
        values.append(float(h["max"]))
        j += 1
    return values
print(json.dumps([compress(h) for h in json.load(sys.stdin)]))
`

const histogram = (min: number, max: number, bucketLimit: number[], bucket: number[]) => ({
  min,
  max,
  num: bucket.reduce((a, b) => a + b, 0),
  sum: 0,
  sumSquares: 0,
  bucketLimit,
  bucket,
})

describe('compressHistogram', () => {
  it('interpolates inside the bucket that holds each point, from min in the first bucket', () => {
    // two values spread over (0, 2]: the 6.68% point lies 6.68% of the way
    expect(compressHistogram(histogram(0, 2, [2], [2]))).toEqual([
      0, 0.1336, 0.3174, 0.617, 1, 1.383, 1.6826, 1.8664, 2,
    ])
    // one count in (-inf, 0], clipped to min -1, and three in (0, 1]
    const points = compressHistogram(histogram(-1, 1, [0, 1], [1, 3]))
    expect(points[0]).toBe(-1)
    expect(points[4]).toBeCloseTo(1 / 3, 15)
    expect(points[8]).toBe(1)
  })

  it('gives 0s for an empty histogram and the value itself for a constant one', () => {
    expect(compressHistogram(histogram(0, 0, [], []))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
    // TF1's buckets around a constant 0.5: an empty run up to the bucket (0.47, 0.52] that holds all four values
    const constant = compressHistogram(histogram(0.5, 0.5, [0.47, 0.52, Number.MAX_VALUE], [0, 4, 0]))
    expect(constant).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
  })

  it.skipIf(!hasNumpy)('matches TensorBoard compress_histogram_proto, written in numpy, on random histograms', () => {
    const histograms = fc.sample(
      fc
        .array(fc.record({ width: fc.double({ min: 0.01, max: 3, noNaN: true }), count: fc.nat(5) }), {
          minLength: 1,
          maxLength: 12,
        })
        .map((buckets) => {
          let limit = -5
          const bucketLimit = buckets.map(({ width }) => (limit += width))
          const counts = buckets.map(({ count }) => count)
          const first = counts.findIndex((count) => count > 0)
          const last = counts.length - 1 - [...counts].reverse().findIndex((count) => count > 0)
          // min inside the first bucket that holds a value, max its last one's limit
          const min = first <= 0 ? -5.5 : bucketLimit[first - 1]! + 0.001
          return histogram(min, first < 0 ? min : bucketLimit[last]!, bucketLimit, counts)
        }),
      { numRuns: 60, seed: 16 },
    )
    const expected = JSON.parse(
      execFileSync('python3', ['-c', REFERENCE], { input: JSON.stringify(histograms), encoding: 'utf8' }),
    ) as number[][]
    // the same float64 operations in the same order: equal to the last bit
    histograms.forEach((h, i) => expect(compressHistogram(h)).toEqual(expected[i]))
  })
})
