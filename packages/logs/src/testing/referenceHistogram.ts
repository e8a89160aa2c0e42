/**
 * TF1's default histogram (`tf.summary.histogram`) of `values`, written plainly for tests: the default bucket
 * limits (±1e-12 · 1.1^k up to 1e20, then the largest double, and 0), a linear scan for each value's bucket instead
 * of the logger's binary search, and runs of empty buckets collapsed into the entry ending at the run's last limit.
 */
export function referenceHistogram(values: readonly number[]) {
  const positive: number[] = []
  for (let v = 1e-12; v < 1e20; v *= 1.1) positive.push(v)
  positive.push(Number.MAX_VALUE)
  const limits = [...positive.map((v) => -v).reverse(), 0, ...positive]
  const counts = limits.map(() => 0)
  for (const value of values) counts[limits.findIndex((limit) => limit > value)]! += 1
  const bucketLimit: number[] = []
  const bucket: number[] = []
  limits.forEach((limit, i) => {
    if (counts[i] === 0 && i > 0 && counts[i - 1] === 0) bucketLimit[bucketLimit.length - 1] = limit
    else {
      bucketLimit.push(limit)
      bucket.push(counts[i]!)
    }
  })
  return {
    min: Math.min(...values),
    max: Math.max(...values),
    num: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    sumSquares: values.reduce((a, b) => a + b * b, 0),
    bucketLimit,
    bucket,
  }
}
