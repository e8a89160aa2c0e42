import { ConfigError } from '@gradstream/tensor'
import { defer, map, reduce } from 'rxjs'
import type { OperatorFunction } from 'rxjs'
import { namedValues } from './lineSeries'
import type { LineSeries, SeriesPick } from './lineSeries'
import { StepSampler, samplesToSeries } from './stepSampler'

export interface CollectSeriesOptions {
  /** Most points kept per line (default 1000); longer runs are thinned evenly. */
  readonly maxPoints?: number
  /** The line's name when `pick` returns a single number (default `'value'`). */
  readonly name?: string
}

/**
 * Collects numbers picked from each snapshot into chart lines over steps,
 * and emits them once, when the run completes: the input of `lineChart`.
 * The pick runs only on the steps kept, not on every step.
 *
 * @example
 * const lines = await firstValueFrom(step$.pipe(collectSeries((s) => ({ 'w1[0]': s.params.w1.toFlatArray()[0]! }))))
 * saveFigure('out/w1.svg', lineChart(lines))
 */
export function collectSeries<T extends { readonly step: number }>(
  pick: SeriesPick<T>,
  { maxPoints = 1000, name = 'value' }: CollectSeriesOptions = {},
): OperatorFunction<T, LineSeries[]> {
  checkMaxPoints('collectSeries', maxPoints)
  return (source) =>
    defer(() =>
      source.pipe(
        reduce((sampler, snapshot: T) => {
          sampler.offer(snapshot.step, () => namedValues(pick(snapshot), name))
          return sampler
        }, new StepSampler<Record<string, number>>(maxPoints)),
        map((sampler) => samplesToSeries(sampler.samples())),
      ),
    )
}

/** Rejects a point budget that cannot hold a line. */
export function checkMaxPoints(fn: string, maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new ConfigError(fn, `maxPoints must be an integer >= 2, got ${maxPoints}`)
  }
}
