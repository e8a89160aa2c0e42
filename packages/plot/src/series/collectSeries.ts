import { checkFunction, checkInteger, checkOptions, checkString } from '@gradstream/core'
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
  /** The run every line belongs to, so that `lineChart` can group several runs' lines by colour. */
  readonly run?: string
}

/**
 * Collects numbers picked from each snapshot into chart lines over steps,
 * and emits them once, when the run completes: the input of `lineChart`.
 * The pick runs only on the steps kept, not on every step; the first step
 * is always kept, so a loss curve starts at the initial loss.
 *
 * @example
 * const lines = await firstValueFrom(step$.pipe(collectSeries((s) => ({ 'w1[0]': s.params.w1.toFlatArray()[0]! }))))
 * saveFigure('out/w1.svg', lineChart(lines))
 */
export function collectSeries<T extends { readonly step: number }>(
  pick: SeriesPick<T>,
  options: CollectSeriesOptions = {},
): OperatorFunction<T, LineSeries[]> {
  checkFunction('collectSeries', 'pick', pick)
  checkOptions('collectSeries', options, ['maxPoints', 'name', 'run'])
  const { maxPoints = 1000, name = 'value', run } = options
  checkMaxPoints('collectSeries', maxPoints)
  checkString('collectSeries', 'name', name)
  if (run !== undefined) checkString('collectSeries', 'run', run)
  return (source) =>
    defer(() =>
      source.pipe(
        reduce((sampler, snapshot: T) => {
          sampler.offer(snapshot.step, () => namedValues('collectSeries', pick(snapshot), name))
          return sampler
        }, new StepSampler<Record<string, number>>(maxPoints)),
        map((sampler) => {
          const lines = samplesToSeries(sampler.samples())
          return run === undefined ? lines : lines.map((line) => ({ ...line, run }))
        }),
      ),
    )
}

/** Rejects a point budget that cannot hold a line. */
export function checkMaxPoints(fn: string, maxPoints: unknown): asserts maxPoints is number {
  checkInteger(fn, 'maxPoints', maxPoints, 2)
}
