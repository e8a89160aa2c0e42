import type { HistogramFields } from '@gradstream/logs'

/**
 * The points of a distribution, in basis points of the values below them:
 * TensorBoard's `NORMAL_HISTOGRAM_BPS`, the fractions a normal distribution
 * has below -inf, -1.5, -1, -0.5, 0, 0.5, 1, 1.5 and +inf standard deviations.
 */
export const DISTRIBUTION_BASIS_POINTS = [0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000] as const
const ALL = 10000

/**
 * A histogram as TensorBoard's Distributions dashboard draws it (its
 * `compress_histogram_proto`): the value below which each of
 * `DISTRIBUTION_BASIS_POINTS` of the counts lie, interpolated linearly
 * inside the bucket that holds it, the first bucket starting at `min` and
 * every bucket clipped to [min, max]. The first point is so the minimum, the
 * middle one the median and the last the maximum; an empty histogram gives 0s.
 * @example compressHistogram({ min: 0, max: 2, num: 2, sum: 2, sumSquares: 4, bucketLimit: [2], bucket: [2] })[4] // 1
 */
export function compressHistogram(histogram: HistogramFields): number[] {
  const { bucket, bucketLimit, min, max } = histogram
  const total = bucket.reduce((sum, count) => sum + count, 0)
  if (histogram.num === 0) return DISTRIBUTION_BASIS_POINTS.map(() => 0)
  // cumulative weights in basis points, as TensorBoard's numpy cumsum of bucket * 10000 / total
  const weights: number[] = []
  let cumulative = 0
  for (const count of bucket) weights.push((cumulative += (count * ALL) / (total || 1)))
  const values: number[] = []
  let j = 0
  for (; j < DISTRIBUTION_BASIS_POINTS.length; j++) {
    const point = DISTRIBUTION_BASIS_POINTS[j]!
    let i = searchRight(weights, point)
    // the first bucket past the point that holds any weight (an empty one would divide by zero)
    while (i < weights.length && weights[i] === (i > 0 ? weights[i - 1] : 0)) i++
    if (i >= weights.length) break
    const upper = weights[i]!
    const lower = i > 0 ? weights[i - 1]! : 0
    const left = i === 0 || lower === 0 ? min : Math.max(bucketLimit[i - 1]!, min)
    const right = Math.min(bucketLimit[i]!, max)
    values.push(left + ((point - lower) * (right - left)) / (upper - lower))
  }
  for (; j < DISTRIBUTION_BASIS_POINTS.length; j++) values.push(max)
  return values
}

/** The index of the first weight greater than `point` (numpy's `searchsorted(side='right')`). */
function searchRight(weights: readonly number[], point: number): number {
  let low = 0
  let high = weights.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (weights[middle]! <= point) low = middle + 1
    else high = middle
  }
  return low
}
