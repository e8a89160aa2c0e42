import type { Params } from '@gradstream/autodiff'
import type { ExponentialMovingAverage } from '@gradstream/ema'
import { produce } from 'immer'
import type { Draft } from 'immer'
import { defer, map } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'

/**
 * Adds (or replaces) `ema` in each snapshot: a moving average of the
 * parameters, started from the first snapshot's parameters and updated with
 * the snapshot's step as TF1's `ExponentialMovingAverage(decay, num_updates)`.
 * @example step$.pipe(withEma(exponentialMovingAverage({ decay: 0.99 })))
 */
export function withEma<P extends Params, T extends { readonly step: number; readonly params: P; readonly ema?: P }>(
  ema: ExponentialMovingAverage,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      let state: ReturnType<ExponentialMovingAverage['init']> | undefined
      return source.pipe(
        map((snapshot) => {
          state = ema.update(state ?? ema.init(snapshot.params), snapshot.params, snapshot.step)
          const average = ema.average(state) as P
          return produce(snapshot, (draft) => {
            draft.ema = average as Draft<P>
          })
        }),
      )
    })
}
