import { valueAndGrad } from '@gradstream/autodiff'
import type { ValueAndGradWithAux } from '@gradstream/autodiff'
import { average } from '@gradstream/ema'
import type { ExponentialMovingAverage } from '@gradstream/ema'
import type { WalkGuard } from '@gradstream/core'
import type { Params, RandomKey } from '@gradstream/tensor'
import { applyUpdates } from '@gradstream/optimizers'
import { foldIn } from '@gradstream/tensor'
import type { RunOptimizer } from './control/runOptimizer'
import { deepFreeze } from './deepFreeze'
import type { EpochPosition } from './epochs'
import { TrainStepError } from './errors'
import { checkReturnedState, lossValues, readLoss, totalLoss } from './lossOutput'
import type { ReadLoss } from './lossOutput'
import { averageAfter } from './movingAverage'
import { shareGuard, shareUnchanged } from './shareUnchanged'
import type { Snapshot } from './snapshot'
import type { StepContext, TrainOptions } from './trainOptions'

/** The state a run starts from: step 0 with fresh optimizer state, or a resumed state. */
export interface RunStart<P extends Params, S, M extends Params | undefined> {
  readonly step: number
  readonly params: P
  readonly optimizer: S | undefined
  readonly ema?: P | undefined
  readonly modelState?: M | undefined
  readonly runKey?: RandomKey | undefined
}

/** The loss at the params, its gradient, and what the loss returned beside it, from one forward pass. */
type StepGradient<P extends Params, B, M> = (
  params: P,
  batch: B,
  context: StepContext<M>,
) => ValueAndGradWithAux<P, ReadLoss>

/** What every step of one run shares: its options, gradient function and optimizer and, from `fit`, its epochs. */
export interface StepRun<P extends Params, S, B, M extends Params | undefined, X> {
  readonly options: TrainOptions<P, S, B, M, X>
  readonly gradient: StepGradient<P, B, M>
  readonly optimizer: RunOptimizer<S>
  readonly epochOf: ((step: number) => EpochPosition) | undefined
  /** The guard of every step's share-and-freeze walks, made once per run rather than once per walk. */
  readonly walkGuard: WalkGuard
}

/**
 * The shared part of a run's steps. The gradient function is made once:
 * the batch and the step's context are passed to it, not differentiated.
 */
export function stepRun<P extends Params, S, B, M extends Params | undefined, X>(
  options: TrainOptions<P, S, B, M, X>,
  optimizer: RunOptimizer<S>,
  epochOf: ((step: number) => EpochPosition) | undefined,
): StepRun<P, S, B, M, X> {
  const stateful = options.modelState !== undefined
  const gradient = valueAndGrad(
    (params: P, batch: B, context: StepContext<M>) => {
      const returned = readLoss(options.loss(params, batch, context), stateful)
      return [totalLoss(returned.output), returned] as const
    },
    { hasAux: true },
  )
  return { options, gradient, optimizer, epochOf, walkGuard: shareGuard() }
}

// The next snapshot is filled in field by field before it is frozen.
type Writable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * One training step: the loss and its gradient at `prev.params` (with the
 * model state and the step's key, when the run has them, and whatever the
 * loss returns beside the loss from the same forward pass), the optimizer
 * update (from `prev`'s optimizer state with `rate`, a schedule's or a
 * stream's, written in), the moving average if any, then the next frozen snapshot
 * with the unchanged subtrees of `prev` shared.
 */
export function trainStep<P extends Params, S, B, M extends Params | undefined, X>(
  run: StepRun<P, S, B, M, X>,
  prev: Snapshot<P, S, M, X> | RunStart<P, S, M>,
  rate: number | undefined,
  batch: B,
): Snapshot<P, S, M, X> {
  const step = prev.step + 1
  try {
    const { options } = run
    const context: StepContext<M> = {
      state: prev.modelState as M,
      key: prev.runKey === undefined ? undefined : foldIn(prev.runKey, step),
      training: true,
    }
    const { value, grads, aux } = run.gradient(prev.params, batch, context)
    const { optimizer, walkGuard } = run
    const state = optimizer.stateWith(prev.optimizer, prev.params, rate)
    const { updates, state: optimizerState } = optimizer.transformation().update(grads, state, prev.params)
    const params = applyUpdates(prev.params, updates) as P
    const next: Writable<Snapshot<P, S, M, X>> = {
      step,
      params: shareUnchanged(prev.params, params, walkGuard),
      optimizer: shareUnchanged(prev.optimizer, optimizerState, walkGuard),
      loss: value.item(),
      losses: lossValues(aux.output),
      learningRate: optimizer.learningRateOf(optimizerState),
    }
    if (options.ema) next.ema = shareUnchanged(prev.ema, emaAfter(options.ema, prev, params, step), walkGuard)
    if (options.keepGrads) next.grads = deepFreeze(grads)
    if (options.modelState !== undefined) {
      next.modelState = shareUnchanged(prev.modelState, modelStateAfter(prev.modelState!, aux), walkGuard)
    }
    if (prev.runKey !== undefined) next.runKey = prev.runKey
    if (aux.hasAux) next.aux = deepFreeze(aux.aux as X)
    if (run.epochOf !== undefined) {
      const { epoch, stepInEpoch, epochEnd } = run.epochOf(step)
      next.epoch = epoch
      next.stepInEpoch = stepInEpoch
      next.epochEnd = epochEnd
    }
    // Every part of `next` is frozen (shareUnchanged freezes what it takes from the step, and shares the
    // rest from `prev`), but at a run's start, whose parts (the initial params) may not be frozen yet.
    return 'loss' in prev ? Object.freeze(next) : deepFreeze(next)
  } catch (error) {
    throw error instanceof TrainStepError ? error : new TrainStepError(step, error)
  }
}

/** The state the loss returned, checked against the one it got; left out, the state is unchanged. */
function modelStateAfter<M extends Params | undefined>(given: NonNullable<M>, returned: ReadLoss): M {
  if (returned.state === undefined) return given
  checkReturnedState(given, returned.state)
  return returned.state as M
}

/** The average after this step; a resumed run continues the average its checkpoint holds. */
function emaAfter<P extends Params>(
  ema: ExponentialMovingAverage,
  prev: { readonly step: number; readonly params: P; readonly ema?: P | undefined },
  params: P,
  step: number,
): P {
  const previous = prev.ema === undefined ? undefined : { count: prev.step, average: prev.ema }
  return average(averageAfter(ema, previous, prev.params, params, step))
}
