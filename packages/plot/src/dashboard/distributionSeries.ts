/**
 * One param's distribution over the steps of one run: at each step a
 * histogram was logged, its `compressHistogram` points (minimum to maximum).
 * A step at or before the last one means the run was restarted into the same
 * folder: the steps from there on are dropped first, as `MetricSeries` does.
 * `version` counts the changes, for the server to tell what a page has not seen.
 */
export class DistributionSeries {
  readonly steps: number[] = []
  readonly points: (readonly number[])[] = []
  version = 0

  get length(): number {
    return this.steps.length
  }

  push(step: number, points: readonly number[]): void {
    if (this.steps.length > 0 && step <= this.steps[this.steps.length - 1]!) {
      const from = this.steps.findIndex((logged) => logged >= step)
      this.steps.length = from
      this.points.length = from
    }
    this.steps.push(step)
    this.points.push(points)
    this.version++
  }
}
