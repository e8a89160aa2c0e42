import type { Params } from '@gradstream/tensor'
import { average } from '@gradstream/ema'
import type { EmaState, ExponentialMovingAverage } from '@gradstream/ema'
import { checkOptions } from '@gradstream/core'
import { defer, map } from 'rxjs'
import type { OperatorFunction } from 'rxjs'
import { deepFreeze } from '../deepFreeze'
import { averageAfter, checkEma } from '../movingAverage'

export interface WithEmaOptions<P> {
  /**
   * The parameters the run starts from: TF1 starts the shadow at the
   * variables' initial values, before the first update, as `train({ ema })` does.
   */
  readonly initial: P
}

/**
 * Adds (or replaces) `ema` in each snapshot: a moving average of the
 * parameters, started at `initial` and updated with each snapshot's
 * parameters and step as TF1's `ExponentialMovingAverage(decay, num_updates=step)`.
 * It shares its code with `train({ ema })`, so both give the same averages.
 * Snapshots come out deep-frozen: a subscriber cannot change later averages.
 * @example fit({ params, ... }).pipe(withEma(exponentialMovingAverage({ decay: 0.99 }), { initial: params }))
 */
export function withEma<P extends Params, T extends { readonly step: number; readonly params: P }>(
  ema: ExponentialMovingAverage,
  options: WithEmaOptions<P>,
): OperatorFunction<T, Omit<T, 'ema'> & { readonly ema: P }> {
  checkOptions('withEma', options, ['initial'])
  const { initial } = options
  checkEma('withEma', ema, initial, 'initial')
  return (source) =>
    defer(() => {
      let state: EmaState<P> | undefined
      return source.pipe(
        map((snapshot) => {
          state = averageAfter(ema, state, initial, snapshot.params, snapshot.step)
          // A shallow copy shares every part of the snapshot but `ema`, whose tree is frozen in place.
          return Object.freeze({ ...snapshot, ema: deepFreeze(average(state)) })
        }),
      )
    })
}
