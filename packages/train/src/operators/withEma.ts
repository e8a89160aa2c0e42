import type { Params } from '@gradstream/autodiff'
import { average } from '@gradstream/ema'
import type { EmaState, ExponentialMovingAverage } from '@gradstream/ema'
import { defer, map } from 'rxjs'
import type { OperatorFunction } from 'rxjs'

export interface WithEmaOptions<P> {
  /**
   * Where the average starts: TF1 starts the shadow at the variables' initial
   * values, so pass the run's initial parameters. Default: the first
   * snapshot's parameters.
   */
  readonly initial?: P
}

/**
 * Adds (or replaces) `ema` in each snapshot: a moving average of the
 * parameters, updated with each snapshot's parameters and step as TF1's
 * `ExponentialMovingAverage(decay, num_updates=step)`.
 * @example step$.pipe(withEma(exponentialMovingAverage({ decay: 0.99 }), { initial: params }))
 */
export function withEma<P extends Params, T extends { readonly step: number; readonly params: P }>(
  ema: ExponentialMovingAverage,
  { initial }: WithEmaOptions<P> = {},
): OperatorFunction<T, Omit<T, 'ema'> & { readonly ema: P }> {
  return (source) =>
    defer(() => {
      let state: EmaState<P> | undefined = initial === undefined ? undefined : ema.init(initial)
      return source.pipe(
        map((snapshot) => {
          state = ema.update(state ?? ema.init(snapshot.params), snapshot.params, snapshot.step)
          // A shallow copy shares every part of the snapshot but `ema`.
          return Object.freeze({ ...snapshot, ema: average(state) })
        }),
      )
    })
}
