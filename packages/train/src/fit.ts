import type { Params, Tensor } from '@gradstream/tensor'
import { ConfigError, checkInteger, checkOptions, checkString, describe } from '@gradstream/core'
import { defer, isObservable, take } from 'rxjs'
import type { Observable } from 'rxjs'
import type { Batch } from './batch'
import { batches, checkBatches } from './batches'
import type { BatchesOptions } from './batches'
import { resume } from './checkpoint/resume'
import { checkReset } from './checkpoint/resumeOptions'
import type { ResettablePart } from './checkpoint/resumeOptions'
import type { Snapshot } from './snapshot'
import { trainChecked } from './train'
import { TRAIN_OPTIONS, checkTrainOptions } from './trainOptions'
import type { TrainOptions } from './trainOptions'

/**
 * The data of a run: `{ x, y }` arrays walked by `batches`, a stream of
 * batches, or a function of the step a run starts at that returns one (so a
 * resumed run can start its own stream where the checkpoint left off).
 * @example const data: FitData = (startStep) => batchesFromFile('train.csv', { skip: startStep })
 */
export type FitData =
  | { readonly x: Tensor; readonly y: Tensor }
  | Observable<Batch>
  | ((startStep: number) => Observable<Batch>)

/**
 * Options of {@link fit}: those of `train` but `initial`, and the data, the
 * length of the run, how `{ x, y }` data is batched and where to resume from.
 * @example
 * const options: FitOptions<{ w: Tensor }, AdamState> = { params, loss, optimizer: adam, learningRate: 0.01, data: { x, y }, steps: 100 }
 */
export interface FitOptions<P extends Params, S> extends Omit<TrainOptions<P, S>, 'initial'> {
  /** The data: `{ x, y }` tensors, a stream of batches, or `(startStep) => stream` (needed with `resumeFrom`). */
  readonly data: FitData
  /** Total steps of the run (a resumed run stops at the same total). */
  readonly steps: number
  /** How `{ x, y }` data is batched (`batchSize`, `order`, `seed`, `yieldEverySteps`, `yieldEveryMs`). */
  readonly batching?: Omit<BatchesOptions, 'startStep' | 'steps'>
  /** Checkpoint text to continue from (see `checkpoint` and `resume`). */
  readonly resumeFrom?: string
  /** Parts of the checkpoint to drop and start afresh, `['optimizer']` or `['ema']` (refused otherwise: see `resume`). */
  readonly reset?: readonly ResettablePart[]
}

const FIT_OPTIONS = [
  ...TRAIN_OPTIONS.filter((key) => key !== 'initial'),
  'data',
  'steps',
  'batching',
  'resumeFrom',
  'reset',
] as const
const BATCHING_OPTIONS = ['batchSize', 'order', 'seed', 'yieldEverySteps', 'yieldEveryMs']

/**
 * A whole training run as a cold Observable of snapshots: every subscription
 * is a fresh, deterministic run. Every option is checked here, when `fit` is
 * called, so a mistake throws at once rather than at the first step.
 * To show one run to several subscribers, give them to `runTraining`, which
 * also stops the run when they are done and reports how it ended.
 *
 * @example
 * const run$ = fit({ params, loss, optimizer: adam, learningRate: 0.001, data: { x, y }, steps: 5000 })
 * await runTraining(run$, [pipe(everySteps(1000), logSteps(format)), checkpoint(save, { everySteps: 1000 })])
 */
export function fit<P extends Params, S>(options: FitOptions<P, S>): Observable<Snapshot<P, S>> {
  checkTrainOptions('fit', options, FIT_OPTIONS)
  const { data, steps, batching = {}, resumeFrom, reset, ...trainOptions } = options
  checkInteger('fit', 'steps', steps, 0)
  if (resumeFrom !== undefined) checkString('fit', 'resumeFrom', resumeFrom)
  if (reset !== undefined) {
    if (resumeFrom === undefined) throw new ConfigError('fit', 'reset applies to a resumed run: pass resumeFrom too')
    checkReset('fit', reset)
  }
  checkData(data, batching, steps, resumeFrom !== undefined)
  return defer(() => {
    const { params, optimizer, learningRate, ema } = options
    const run = { params, optimizer, learningRate, ema, reset }
    const initial = resumeFrom === undefined ? undefined : resume<P, S>(resumeFrom, run)
    const done = initial?.step ?? 0
    if (done > steps) throw new ConfigError('fit', `the checkpoint is at step ${done}, past the run's ${steps} steps`)
    return batchesFrom(data, batching, done, steps - done).pipe(
      trainChecked<P, S>({ ...trainOptions, ...(initial ? { initial } : {}) }),
    )
  })
}

function checkData(data: unknown, batching: object, steps: number, resuming: boolean): void {
  for (const key of ['startStep', 'steps']) {
    if (typeof batching === 'object' && batching !== null && key in batching) {
      throw new ConfigError(
        'fit',
        `batching.${key} is not an option: a run starts at step 0, or at its checkpoint's step, and ends at steps`,
      )
    }
  }
  checkOptions('fit', batching, BATCHING_OPTIONS)
  if (isObservable(data) || typeof data === 'function') {
    if (Object.keys(batching).length > 0) {
      throw new ConfigError('fit', 'batching applies to { x, y } data only; a stream of batches is batched already')
    }
    if (resuming && isObservable(data)) {
      throw new ConfigError(
        'fit',
        'a stream of batches would replay from batch 0 on resume; with resumeFrom, ' +
          'pass data as a function of the start step, (startStep) => Observable<Batch>',
      )
    }
    return
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('x' in data) || !('y' in data)) {
    throw new ConfigError(
      'fit',
      `data must be { x, y } tensors, a stream of batches or a function of the start step, got ${describe(data)}`,
    )
  }
  checkBatches('fit', data.x, data.y, { ...batching, steps }, 'batching.')
}

function batchesFrom(
  data: FitData,
  batching: Omit<BatchesOptions, 'startStep' | 'steps'>,
  startStep: number,
  steps: number,
): Observable<Batch> {
  if (isObservable(data)) return data.pipe(take(steps))
  if (typeof data !== 'function') return batches(data.x, data.y, { ...batching, startStep, steps })
  const batch$ = data(startStep)
  if (!isObservable(batch$)) {
    throw new ConfigError('fit', `the data function must return an Observable of batches, got ${describe(batch$)}`)
  }
  return batch$.pipe(take(steps))
}
