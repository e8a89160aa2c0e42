import type { Params } from '@gradstream/tensor'
import type { TrainState } from './snapshot'

/**
 * The run state in `fields`, without the optional parts it does not hold: a
 * checkpoint or an edit then sees the same keys a snapshot of that run has
 * (`'ema' in state` only for a run with a moving average).
 */
export function trainStateOf<P extends Params, S, M extends Params | undefined>(
  fields: TrainState<P, S, M>,
): TrainState<P, S, M> {
  const { step, params, optimizer, ema, modelState, runKey } = fields
  return {
    step,
    params,
    optimizer,
    ...(ema === undefined ? {} : { ema }),
    ...(modelState === undefined ? {} : { modelState }),
    ...(runKey === undefined ? {} : { runKey }),
  }
}
