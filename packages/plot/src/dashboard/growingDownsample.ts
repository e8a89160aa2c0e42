import { lttb } from './lttb'
import type { MetricSeries } from './metricSeries'

/**
 * MinMaxLTTB (Van Der Donckt et al., "MinMaxLTTB: Leveraging MinMax-
 * Preselection to Scale LTTB", 2023), kept up to date as a series grows.
 * The series is cut into chunks of `width` points, each remembering where
 * its minimum and maximum are; LTTB then picks `maxPoints` among those
 * extremes and the first and last points, instead of among every point.
 * When there are more than 2 * maxPoints chunks, neighbours merge pairwise
 * and `width` doubles: LTTB chooses among 2 to 4 candidates per point it
 * keeps (the paper's ratio is 4). An update so costs the new points plus a
 * few thousand, whatever the series' length, and the state after n points
 * depends on n only, not on how they arrived. A series of at most
 * `maxPoints` points comes back whole.
 */
export class GrowingDownsample {
  #width = 1
  readonly #minima: number[] = []
  readonly #maxima: number[] = []
  #restarts = 0

  constructor(private readonly maxPoints: number) {}

  /** The indices of the points to draw, increasing, first and last included. */
  indices(series: MetricSeries): number[] {
    const n = series.length
    if (series.restarts !== this.#restarts) this.#reset(series.restarts)
    if (n <= this.maxPoints) return Array.from({ length: n }, (_, i) => i)
    const values = series.values
    while ((this.#minima.length + 1) * this.#width <= n) {
      const start = this.#minima.length * this.#width
      const [min, max] = extremes(values, start, start + this.#width)
      this.#minima.push(min)
      this.#maxima.push(max)
      if (this.#minima.length > 2 * this.maxPoints) this.#merge(values)
    }
    const candidates = [0]
    const add = (a: number, b: number) => candidates.push(Math.min(a, b), ...(a === b ? [] : [Math.max(a, b)]))
    this.#minima.forEach((min, chunk) => add(min, this.#maxima[chunk]!))
    const openStart = this.#minima.length * this.#width
    if (openStart < n) add(...extremes(values, openStart, n))
    candidates.push(n - 1)
    const unique = candidates.filter((index, i) => i === 0 || index > candidates[i - 1]!)
    const steps = series.steps
    const kept = lttb(
      unique.map((i) => steps[i]!),
      unique.map((i) => values[i]!),
      this.maxPoints,
    )
    return kept.map((k) => unique[k]!)
  }

  /** Chunks pairwise into chunks twice as wide; an odd last chunk goes back to being the open part. */
  #merge(values: Float64Array): void {
    const pairs = this.#minima.length >> 1
    for (let pair = 0; pair < pairs; pair++) {
      const [minA, minB, maxA, maxB] = [
        this.#minima[2 * pair]!,
        this.#minima[2 * pair + 1]!,
        this.#maxima[2 * pair]!,
        this.#maxima[2 * pair + 1]!,
      ]
      this.#minima[pair] = values[minB]! < values[minA]! ? minB : minA
      this.#maxima[pair] = values[maxB]! > values[maxA]! ? maxB : maxA
    }
    this.#minima.length = pairs
    this.#maxima.length = pairs
    this.#width *= 2
  }

  #reset(restarts: number): void {
    this.#width = 1
    this.#minima.length = 0
    this.#maxima.length = 0
    this.#restarts = restarts
  }
}

/** Where the minimum and the maximum of `values[start..end)` are (the first of equal values). */
function extremes(values: Float64Array, start: number, end: number): [number, number] {
  let min = start
  let max = start
  for (let i = start + 1; i < end; i++) {
    if (values[i]! < values[min]!) min = i
    if (values[i]! > values[max]!) max = i
  }
  return [min, max]
}
