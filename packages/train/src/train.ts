import { randomKey } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import type { GradientTransformation } from '@gradstream/optimizers'
import { defer, finalize, scan } from 'rxjs'
import type { OperatorFunction } from 'rxjs'
import type { Batch } from './batch'
import { editQueue } from './control/editQueue'
import { runOptimizer } from './control/runOptimizer'
import type { LearningRateState } from './control/learningRateState'
import type { EpochPosition } from './epochs'
import type { Snapshot } from './snapshot'
import { checkTrainOptions } from './trainOptions'
import type { TrainOptions } from './trainOptions'
import { stepRun, trainStep } from './trainStep'
import type { RunStart } from './trainStep'

/**
 * Turns a stream of batches into a stream of snapshots, one per batch: a
 * `scan` whose step takes the gradient of the loss, applies the optimizer and
 * emits the next frozen snapshot. Each subscription is an independent run
 * from `options.params` (or `options.initial`). With `modelState` and
 * `seed`, the loss also gets `{ state, key, training: true }` (the nn
 * layers' apply options, the key `foldIn(randomKey(seed), step)`) and may
 * return `{ loss, state, aux }`. An optimizer given as a function of the
 * learning rate runs inside `injectHyperparams`, so the rate is in the
 * optimizer state (`LearningRateState`), and `control` recipes can edit the
 * run's state between two steps. The options are checked
 * here, once: a bad option throws a `ConfigError` (or a `DTypeError` or
 * `StructureError` for the parameters) before any run starts.
 *
 * @example
 * const step$ = batches(x, y, { batchSize: 8 }).pipe(
 *   train({ params: { w }, loss: ({ w }, { x, y }) => meanSquaredError(y, matMul(x, w)), optimizer: adam, learningRate: 0.001 }),
 *   take(5000),
 * )
 * step$.pipe(everySteps(1000)).subscribe((s) => console.log(s.step, s.loss))
 */
export function train<P extends Params, S, B = Batch, M extends Params | undefined = undefined, X = undefined>(
  options: TrainOptions<P, LearningRateState<S>, B, M, X> & RateFunction<S>,
): OperatorFunction<B, Snapshot<P, LearningRateState<S>, M, X>>
export function train<P extends Params, S, B = Batch, M extends Params | undefined = undefined, X = undefined>(
  options: TrainOptions<P, S, B, M, X>,
): OperatorFunction<B, Snapshot<P, S, M, X>>
export function train<P extends Params, S, B, M extends Params | undefined, X>(
  options: TrainOptions<P, S, B, M, X>,
): OperatorFunction<B, Snapshot<P, S, M, X>> {
  checkTrainOptions('train', options)
  return trainChecked(options)
}

/**
/**
 * An optimizer given as a function of the learning rate, whose transformations keep `S`: it lets the
 * overloads of `train` and `fit` infer `S` and type the run's state as `LearningRateState<S>`.
 * @example const rated: RateFunction<AdamState> = { optimizer: adam }
 */
export interface RateFunction<S> {
  readonly optimizer: (learningRate: number) => GradientTransformation<S>
}

/**
 * `train` over options already checked (by `train` or `fit`); `epochOf`, given
 * by `fit` for `{ x, y }` data, tells each step's place in its epoch.
 */
export function trainChecked<P extends Params, S, B, M extends Params | undefined, X>(
  options: TrainOptions<P, S, B, M, X>,
  epochOf?: (step: number) => EpochPosition,
): OperatorFunction<B, Snapshot<P, S, M, X>> {
  return (batch$) =>
    defer(() => {
      const start = runStart(options)
      const optimizer = runOptimizer(options.optimizer, options.learningRate, start.step)
      const edits = options.control === undefined ? undefined : editQueue(options.control)
      const run = stepRun(options, optimizer, epochOf)
      return batch$.pipe(
        scan<B, Snapshot<P, S, M, X>, RunStart<P, S, M>>((prev, batch) => {
          const from = edits === undefined ? prev : edits.applyTo(prev, optimizer.transformation)
          // Outside the step, where the rate was always read: a failing schedule or stream errors as itself.
          return trainStep(run, from, optimizer.rateBefore(from.step), batch)
        }, start),
        finalize(() => {
          optimizer.close()
          edits?.close()
        }),
      )
    })
}

/**
 * Step 0 of a run, or the saved state it continues. A saved state without the
 * model state or the run key the run has (a checkpoint written before runs
 * had them) takes the run's own; a run without them keeps none.
 */
function runStart<P extends Params, S, M extends Params | undefined>(
  options: TrainOptions<P, S, never, M, unknown>,
): RunStart<P, S, M> {
  const { initial, modelState, seed } = options
  const start: RunStart<P, S, M> = initial ?? { step: 0, params: options.params, optimizer: undefined }
  const { modelState: savedState, runKey: savedKey, ...rest } = start
  return {
    ...rest,
    ...(modelState === undefined ? {} : { modelState: savedState ?? modelState }),
    ...(seed === undefined ? {} : { runKey: savedKey ?? randomKey(seed) }),
  }
}
