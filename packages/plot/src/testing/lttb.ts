/**
 * Largest-triangle-three-buckets (Steinarsson, "Downsampling Time Series for
 * Visual Representation", 2013): the indices of at most `threshold` points
 * of the series (`xs` increasing) that keep its visual shape. The first and
 * last points are always kept; the points between are split into
 * `threshold - 2` buckets of equal count, and from each bucket the point
 * kept is the one making the largest triangle with the point kept before it
 * and the mean of the next bucket (the first such point on a tie). A series
 * of at most `threshold` points comes back whole. `threshold` is at least 3.
 *
 * @example
 * lttb([0, 1, 2, 3, 4], [0, 5, 0, 0, 0], 3) // [0, 1, 4]: the spike survives
 */
export function lttb(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = xs.length
  if (n <= threshold) return Array.from({ length: n }, (_, i) => i)
  const every = (n - 2) / (threshold - 2)
  const kept = [0]
  let a = 0
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // the mean of the next bucket; for the last bucket that is the last point
    const nextStart = Math.floor((bucket + 1) * every) + 1
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n)
    let meanX = 0
    let meanY = 0
    for (let j = nextStart; j < nextEnd; j++) {
      meanX += xs[j]!
      meanY += ys[j]!
    }
    meanX /= nextEnd - nextStart
    meanY /= nextEnd - nextStart
    const ax = xs[a]!
    const ay = ys[a]!
    let best = -1
    let chosen = a
    for (let j = Math.floor(bucket * every) + 1; j < nextStart; j++) {
      // twice the triangle's area: the factor does not change which is largest
      const area = Math.abs((ax - meanX) * (ys[j]! - ay) - (ax - xs[j]!) * (meanY - ay))
      if (area > best) {
        best = area
        chosen = j
      }
    }
    kept.push(chosen)
    a = chosen
  }
  kept.push(n - 1)
  return kept
}
