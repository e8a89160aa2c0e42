/**
 * One metric of one run as it was logged: steps and values in growing
 * float64 columns (16 bytes a point, no object per point), so a run of
 * 200,000 steps costs 3.2 MB per metric. `version` counts the changes, for
 * the server to tell which series a page has not seen.
 */
export class MetricSeries {
  #steps = new Float64Array(1024)
  #values = new Float64Array(1024)
  #length = 0
  version = 0
  /** How many times the series was cut back (a restarted run): a downsample of it must start over. */
  restarts = 0
  /** The smallest and largest value of every point (not only the ones drawn): a run's best result. */
  min = Infinity
  max = -Infinity

  get length(): number {
    return this.#length
  }

  get steps(): Float64Array {
    return this.#steps.subarray(0, this.#length)
  }

  get values(): Float64Array {
    return this.#values.subarray(0, this.#length)
  }

  /** The last point's value (NaN when empty), without the view `values` makes. */
  get lastValue(): number {
    return this.#length === 0 ? NaN : this.#values[this.#length - 1]!
  }

  /**
   * Adds a point. A step at or before the last one means the run was
   * restarted into the same file: the points from that step on are dropped
   * first, as TensorBoard does for a restarted run (its purge of orphaned data).
   */
  push(step: number, value: number): void {
    if (this.#length > 0 && step <= this.#steps[this.#length - 1]!) {
      this.#length = this.#firstAtOrAfter(step)
      this.restarts++
      this.#recomputeExtremes()
    }
    if (this.#length === this.#steps.length) this.#grow()
    this.#steps[this.#length] = step
    this.#values[this.#length] = value
    this.#length++
    this.version++
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
  }

  #recomputeExtremes(): void {
    this.min = Infinity
    this.max = -Infinity
    for (const value of this.values) {
      if (value < this.min) this.min = value
      if (value > this.max) this.max = value
    }
  }

  #firstAtOrAfter(step: number): number {
    let low = 0
    let high = this.#length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#steps[middle]! < step) low = middle + 1
      else high = middle
    }
    return low
  }

  #grow(): void {
    const steps = new Float64Array(this.#steps.length * 2)
    const values = new Float64Array(this.#values.length * 2)
    steps.set(this.#steps)
    values.set(this.#values)
    this.#steps = steps
    this.#values = values
  }
}
