import type { Params } from '@gradstream/autodiff'
import { ConfigError } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { defer, isObservable, take } from 'rxjs'
import type { Observable } from 'rxjs'
import type { Batch } from './batch'
import { batches } from './batches'
import type { BatchesOptions } from './batches'
import { resume } from './checkpoint/resume'
import type { Snapshot } from './snapshot'
import { train } from './train'
import type { TrainConfig } from './trainConfig'

export interface FitConfig<P extends Params, S> extends Omit<TrainConfig<P, S>, 'initial'> {
  /** The data: `{ x, y }` arrays walked by `batches`, or any stream of batches. */
  readonly data: { readonly x: Tensor; readonly y: Tensor } | Observable<Batch>
  /** Total steps of the run (a resumed run stops at the same total). */
  readonly steps: number
  /** How `{ x, y }` data is batched (`batchSize`, `order`, `seed`, `yieldEverySteps`, `yieldEveryMs`). */
  readonly batching?: Omit<BatchesOptions, 'startStep' | 'steps'>
  /** Checkpoint text to continue from (see `checkpoint` and `resume`). */
  readonly resumeFrom?: string
}

/**
 * A whole training run as a cold Observable of snapshots: every subscription
 * is a fresh, deterministic run. To show one run to several subscribers,
 * multicast it: a run is synchronous by default and would finish inside the
 * first `subscribe`, so use `connectable(run$)`, subscribe everyone, then
 * `connect()` (with `share()`, only subscribers that join before it starts
 * see it all).
 *
 * @example
 * const step$ = connectable(fit({ params, loss, optimizer: adam, learningRate: 0.001, data: { x, y }, steps: 5000 }))
 * step$.pipe(everySteps(1000)).subscribe((s) => console.log(s.step, s.loss))
 * step$.pipe(checkpoint(save, { everySteps: 1000 })).subscribe()
 * step$.connect()
 */
export function fit<P extends Params, S>(config: FitConfig<P, S>): Observable<Snapshot<P, S>> {
  const { data, steps, batching = {}, resumeFrom, ...trainConfig } = config
  if (!Number.isInteger(steps) || steps < 0)
    throw new ConfigError('fit', `steps must be a non-negative integer, got ${steps}`)
  return defer(() => {
    const initial = resumeFrom === undefined ? undefined : resume<P, S>(resumeFrom, config.params)
    const done = initial?.step ?? 0
    if (done > steps) throw new ConfigError('fit', `the checkpoint is at step ${done}, past the run's ${steps} steps`)
    const batch$ = isObservable(data)
      ? data.pipe(take(steps - done))
      : batches(data.x, data.y, { ...batching, startStep: done, steps: steps - done })
    return batch$.pipe(train<P, S>({ ...trainConfig, ...(initial ? { initial } : {}) }))
  })
}
