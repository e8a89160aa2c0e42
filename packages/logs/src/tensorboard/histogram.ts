import type { HistogramFields } from './eventMessages'

let defaultLimits: readonly number[] | undefined

/**
 * TF1's default bucket limits (`tensorflow/core/lib/histogram/histogram.cc`,
 * `InitDefaultBuckets`): ±1e-12 growing by 10% up to 1e20, then ±DBL_MAX,
 * with 0 between the negative and positive limits; computed by the same
 * float64 products, so the limits are TF's own bit for bit.
 */
export function defaultBucketLimits(): readonly number[] {
  if (defaultLimits === undefined) {
    const positive: number[] = []
    for (let v = 1e-12; v < 1e20; v *= 1.1) positive.push(v)
    positive.push(Number.MAX_VALUE)
    defaultLimits = [...positive.map((v) => -v).reverse(), 0, ...positive]
  }
  return defaultLimits
}

/**
 * TF1's histogram summary of `values` (`tf.summary.histogram`): each value
 * counted in the first bucket whose limit is above it (`upper_bound`), min,
 * max, count, sum and sum of squares in float64 in value order, and the
 * buckets encoded as TF's `Histogram::EncodeToProto` does: every run of
 * empty buckets collapsed into one entry with the run's last limit. Returns
 * undefined when a value is NaN or infinite, where TF1's op fails ("Nan in
 * summary histogram"): a logger leaves that histogram out instead.
 * @example histogramOf([0, 0.5]).num // 2
 */
export function histogramOf(values: ArrayLike<number>): HistogramFields | undefined {
  const limits = defaultBucketLimits()
  const counts = new Float64Array(limits.length)
  let min = Number.MAX_VALUE
  let max = -Number.MAX_VALUE
  let sum = 0
  let sumSquares = 0
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    if (!Number.isFinite(value)) return undefined
    counts[Math.min(upperBound(limits, value), limits.length - 1)]! += 1
    if (min > value) min = value
    if (max < value) max = value
    sum += value
    sumSquares += value * value
  }
  const { bucketLimit, bucket } = encodeBuckets(limits, counts)
  return { min, max, num: values.length, sum, sumSquares, bucketLimit, bucket }
}

/** The index of the first limit greater than `value` (C++'s `std::upper_bound`). */
function upperBound(limits: readonly number[], value: number): number {
  let low = 0
  let high = limits.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (limits[middle]! <= value) low = middle + 1
    else high = middle
  }
  return low
}

function encodeBuckets(limits: readonly number[], counts: Float64Array): { bucketLimit: number[]; bucket: number[] } {
  const bucketLimit: number[] = []
  const bucket: number[] = []
  for (let i = 0; i < counts.length; ) {
    let end = limits[i]!
    let count = counts[i]!
    i++
    if (count <= 0) {
      while (i < counts.length && counts[i]! <= 0) {
        end = limits[i]!
        count = counts[i]!
        i++
      }
    }
    bucketLimit.push(end)
    bucket.push(count)
  }
  return { bucketLimit, bucket }
}
