import type { MetricSeries } from './metricSeries'

/** The points of a series to draw, and how much of them stays as it is while the series grows. */
export interface DownsampleView {
  /** Indices into the series, increasing, first and last point included. */
  readonly indices: readonly number[]
  /** How many leading indices stay the same until `epoch` changes: a page that has them needs only the rest. */
  readonly stable: number
  /** Changes whenever the buckets change (they widen, or the run restarted): earlier indices may then differ. */
  readonly epoch: number
}

/**
 * Largest-triangle-three-buckets (Steinarsson, 2013) over buckets of a fixed
 * width, kept up to date as a series grows, so that a growing series mostly
 * gains points at its end instead of changing everywhere. The first and last
 * points are kept; the points between are cut into chunks of `width` points
 * from the second point on, and from each whole chunk the point kept is the
 * one making the largest triangle with the point kept before it and the
 * mean of the next chunk (the first such point on a tie); the chunk not yet
 * whole is one more bucket, whose next "bucket" is the last point. With
 * more than `maxPoints - 3` whole chunks, neighbours merge pairwise and
 * `width` doubles: that re-buckets the series (a new `epoch`), and the page
 * gets it whole again; between merges a chunk's point is fixed once the
 * chunk after it is whole, so only the last two or three points move. A
 * series so keeps between about maxPoints / 2 and maxPoints points, an
 * update costs the new points (a merge the whole series, a few times over a
 * run), and the points kept after n points depend on n only, not on how
 * they arrived. A series of at most `maxPoints` points comes back whole.
 */
export class GrowingDownsample {
  #width = 1
  /** Per whole chunk: the sums of its steps and of its values, for the mean a chunk before it aims at. */
  readonly #sumSteps: number[] = []
  readonly #sumValues: number[] = []
  /** The point kept from each chunk whose next chunk is whole: these no longer change within an epoch. */
  readonly #picks: number[] = []
  #epoch = 0
  #whole = true
  #restarts = 0

  readonly #maxPoints: number

  constructor(maxPoints: number) {
    this.#maxPoints = maxPoints
  }

  /** The points to draw now. */
  view(series: MetricSeries): DownsampleView {
    const n = series.length
    if (series.restarts !== this.#restarts) this.#reset(series.restarts)
    // only a restart shortens a series, and it resets the buckets: a whole series stays whole until it outgrows maxPoints
    if (n <= this.#maxPoints) {
      return { indices: Array.from({ length: n }, (_, i) => i), stable: n, epoch: this.#epoch }
    }
    if (this.#whole) {
      this.#whole = false
      this.#epoch++
    }
    this.#closeChunks(series)
    const { steps, values } = series
    const chunks = this.#sumSteps.length
    while (this.#picks.length < chunks - 1) {
      const k = this.#picks.length
      const mean = [this.#sumSteps[k + 1]! / this.#width, this.#sumValues[k + 1]! / this.#width] as const
      this.#picks.push(this.#pick(steps, values, k, mean))
    }
    const openStart = 1 + chunks * this.#width
    const last = [steps[n - 1]!, values[n - 1]!] as const
    const openMean = openStart < n - 1 ? meanOf(steps, values, openStart, n - 1) : last
    const tail: number[] = []
    if (chunks > 0) tail.push(this.#pick(steps, values, chunks - 1, openMean))
    if (openStart < n - 1) {
      const anchor = tail.at(-1) ?? 0
      tail.push(largestTriangle(steps, values, anchor, openStart, n - 1, last))
    }
    return { indices: [0, ...this.#picks, ...tail, n - 1], stable: 1 + this.#picks.length, epoch: this.#epoch }
  }

  /** Closes every chunk that is whole (the last point is never in one), merging when there are too many. */
  #closeChunks(series: MetricSeries): void {
    const { steps, values } = series
    const n = series.length
    while (1 + (this.#sumSteps.length + 1) * this.#width <= n - 1) {
      const start = 1 + this.#sumSteps.length * this.#width
      let sumSteps = 0
      let sumValues = 0
      for (let i = start; i < start + this.#width; i++) {
        sumSteps += steps[i]!
        sumValues += values[i]!
      }
      this.#sumSteps.push(sumSteps)
      this.#sumValues.push(sumValues)
      if (this.#sumSteps.length > this.#maxPoints - 3) this.#merge()
    }
  }

  /** The point of chunk `k`: the largest triangle with the point kept before it and `next`. */
  #pick(steps: Float64Array, values: Float64Array, k: number, next: readonly [number, number]): number {
    const start = 1 + k * this.#width
    const anchor = k === 0 ? 0 : this.#picks[k - 1]!
    return largestTriangle(steps, values, anchor, start, start + this.#width, next)
  }

  /** Chunks pairwise into chunks twice as wide (an odd last chunk goes back to the open part): new buckets. */
  #merge(): void {
    const pairs = this.#sumSteps.length >> 1
    for (let pair = 0; pair < pairs; pair++) {
      this.#sumSteps[pair] = this.#sumSteps[2 * pair]! + this.#sumSteps[2 * pair + 1]!
      this.#sumValues[pair] = this.#sumValues[2 * pair]! + this.#sumValues[2 * pair + 1]!
    }
    this.#sumSteps.length = pairs
    this.#sumValues.length = pairs
    this.#picks.length = 0
    this.#width *= 2
    this.#epoch++
  }

  #reset(restarts: number): void {
    this.#width = 1
    this.#sumSteps.length = 0
    this.#sumValues.length = 0
    this.#picks.length = 0
    this.#restarts = restarts
    this.#whole = true
    this.#epoch++
  }
}

/** The mean step and value of points `[start, end)`. */
function meanOf(steps: Float64Array, values: Float64Array, start: number, end: number): [number, number] {
  let sumSteps = 0
  let sumValues = 0
  for (let i = start; i < end; i++) {
    sumSteps += steps[i]!
    sumValues += values[i]!
  }
  return [sumSteps / (end - start), sumValues / (end - start)]
}

/** The index in `[start, end)` whose point makes the largest triangle with point `anchor` and `next` (the first on a tie). */
function largestTriangle(
  steps: Float64Array,
  values: Float64Array,
  anchor: number,
  start: number,
  end: number,
  [nextStep, nextValue]: readonly [number, number],
): number {
  const ax = steps[anchor]!
  const ay = values[anchor]!
  let best = -1
  let chosen = start
  for (let j = start; j < end; j++) {
    // twice the triangle's area: the factor does not change which is largest
    const area = Math.abs((ax - nextStep) * (values[j]! - ay) - (ax - steps[j]!) * (nextValue - ay))
    if (area > best) {
      best = area
      chosen = j
    }
  }
  return chosen
}
