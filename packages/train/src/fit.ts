import type { Params, Tensor } from '@gradstream/tensor'
import { ConfigError, checkInteger, checkOptions, checkString, describe } from '@gradstream/core'
import { defer, isObservable, take } from 'rxjs'
import type { Observable } from 'rxjs'
import type { Batch } from './batch'
import { batchesOf, checkBatches, epochPositions } from './batches'
import type { BatchesOptions, BatchSettings } from './batches'
import { resume } from './checkpoint/resume'
import { checkReset } from './checkpoint/resumeOptions'
import type { ResettablePart } from './checkpoint/resumeOptions'
import type { Snapshot } from './snapshot'
import { trainChecked } from './train'
import type { RateFunction } from './train'
import type { LearningRateState } from './control/learningRateState'
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
 * length of the run (`steps` or `epochs`), how `{ x, y }` data is batched and
 * where to resume from.
 * @example
 * const options: FitOptions<{ w: Tensor }, LearningRateState<AdamState>> = { params, loss, optimizer: adam, learningRate: 0.01, data: { x, y }, steps: 100 }
 */
export interface FitOptions<P extends Params, S, M extends Params | undefined = undefined, X = undefined>
  extends Omit<TrainOptions<P, S, Batch, M, X>, 'initial'> {
  /** The data: `{ x, y }` tensors, a stream of batches, or `(startStep) => stream` (needed with `resumeFrom`). */
  readonly data: FitData
  /** Total steps of the run (a resumed run stops at the same total); give this or `epochs`. */
  readonly steps?: number
  /** Passes over `{ x, y }` data, each of `batching`'s steps per epoch; give this or `steps`. */
  readonly epochs?: number
  /**
   * How `{ x, y }` data is batched (`batchSize`, `order`, `seed`, `dropRemainder`, `yieldEverySteps`,
   * `yieldEveryMs`).
   */
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
  'epochs',
  'batching',
  'resumeFrom',
  'reset',
] as const
const BATCHING_OPTIONS = ['batchSize', 'order', 'seed', 'dropRemainder', 'yieldEverySteps', 'yieldEveryMs']

/**
 * A whole training run as a cold Observable of snapshots: every subscription
 * is a fresh, deterministic run. Every option is checked here, when `fit` is
 * called, so a mistake throws at once rather than at the first step.
 * To show one run to several subscribers, give them to `runTraining`, which
 * also stops the run when they are done and reports how it ended.
 *
 * The run lasts `steps` steps or `epochs` passes over `{ x, y }` data; with
 * `{ x, y }` data every snapshot says its `epoch`, `stepInEpoch` and
 * `epochEnd`. With `modelState` and `seed` the loss gets the model state and
 * the step's random key, and every snapshot and checkpoint carries both.
 * With `control`, recipes edit the run's state between two steps.
 *
 * @example
 * const run$ = fit({ params, loss, optimizer: adam, learningRate: 0.001, data: { x, y }, steps: 5000 })
 * await runTraining(run$, [pipe(everySteps(1000), logSteps(format)), checkpoint(save, { everySteps: 1000 })])
 */
export function fit<P extends Params, S, M extends Params | undefined = undefined, X = undefined>(
  options: FitOptions<P, LearningRateState<S>, M, X> & RateFunction<S>,
): Observable<Snapshot<P, LearningRateState<S>, M, X>>
export function fit<P extends Params, S, M extends Params | undefined = undefined, X = undefined>(
  options: FitOptions<P, S, M, X>,
): Observable<Snapshot<P, S, M, X>>
export function fit<P extends Params, S, M extends Params | undefined, X>(
  options: FitOptions<P, S, M, X>,
): Observable<Snapshot<P, S, M, X>> {
  checkTrainOptions('fit', options, FIT_OPTIONS)
  const { data, steps, epochs, batching = {}, resumeFrom, reset, ...trainOptions } = options
  checkLength(steps, epochs)
  if (resumeFrom !== undefined) checkString('fit', 'resumeFrom', resumeFrom)
  if (reset !== undefined) {
    if (resumeFrom === undefined) throw new ConfigError('fit', 'reset applies to a resumed run: pass resumeFrom too')
    checkReset('fit', reset)
  }
  const settings = checkData(data, batching, steps, epochs, resumeFrom !== undefined)
  const totalSteps = steps ?? epochs! * settings!.stepsPerEpoch
  const epochOf = settings === undefined ? undefined : epochPositions(settings)
  return defer(() => {
    const { params, optimizer, learningRate, ema, modelState, seed } = options
    const run = { params, optimizer, learningRate, ema, modelState, seed, reset }
    const initial = resumeFrom === undefined ? undefined : resume<P, S, M>(resumeFrom, run)
    const done = initial?.step ?? 0
    if (done > totalSteps) {
      throw new ConfigError('fit', `the checkpoint is at step ${done}, past the run's ${totalSteps} steps`)
    }
    const batch$ = settings === undefined ? batchesFrom(data, done, totalSteps - done) : undefined
    return (batch$ ?? walk(data as XYData, settings!, done, totalSteps - done)).pipe(
      trainChecked<P, S, Batch, M, X>({ ...trainOptions, ...(initial ? { initial } : {}) }, epochOf),
    )
  })
}

type XYData = { readonly x: Tensor; readonly y: Tensor }

/** Exactly one of `steps` (an integer >= 0) and `epochs` (an integer >= 1). */
function checkLength(steps: unknown, epochs: unknown): void {
  if (steps !== undefined && epochs !== undefined) {
    throw new ConfigError('fit', 'give steps or epochs, not both: the run lasts one or the other')
  }
  if (steps === undefined && epochs === undefined) {
    throw new ConfigError('fit', 'give steps or epochs: how long the run lasts')
  }
  if (steps !== undefined) checkInteger('fit', 'steps', steps, 0)
  else checkInteger('fit', 'epochs', epochs, 1)
}

/** Checks the data and its batching; for `{ x, y }` data, returns the batching settings. */
function checkData(
  data: unknown,
  batching: object,
  steps: number | undefined,
  epochs: number | undefined,
  resuming: boolean,
): BatchSettings | undefined {
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
    if (epochs !== undefined) {
      throw new ConfigError(
        'fit',
        'epochs needs { x, y } data, whose rows make an epoch; give a stream of batches steps',
      )
    }
    if (resuming && isObservable(data)) {
      throw new ConfigError(
        'fit',
        'a stream of batches would replay from batch 0 on resume; with resumeFrom, ' +
          'pass data as a function of the start step, (startStep) => Observable<Batch>',
      )
    }
    return undefined
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('x' in data) || !('y' in data)) {
    throw new ConfigError(
      'fit',
      `data must be { x, y } tensors, a stream of batches or a function of the start step, got ${describe(data)}`,
    )
  }
  const limit = steps === undefined ? {} : { steps }
  return checkBatches('fit', data.x, data.y, { ...batching, ...limit }, 'batching.', epochs !== undefined)
}

/** The batches of `{ x, y }` data from `startStep` on, `steps` of them. */
function walk(data: XYData, settings: BatchSettings, startStep: number, steps: number): Observable<Batch> {
  return batchesOf(data.x, data.y, { ...settings, startStep, steps })
}

function batchesFrom(data: FitData, startStep: number, steps: number): Observable<Batch> {
  if (isObservable(data)) return data.pipe(take(steps))
  const batch$ = (data as (startStep: number) => Observable<Batch>)(startStep)
  if (!isObservable(batch$)) {
    throw new ConfigError('fit', `the data function must return an Observable of batches, got ${describe(batch$)}`)
  }
  return batch$.pipe(take(steps))
}
