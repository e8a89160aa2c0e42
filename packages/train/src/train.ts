import type { Params } from '@gradstream/tensor'
import type { GradientTransformation } from '@gradstream/optimizers'
import { defer, finalize, scan } from 'rxjs'
import type { OperatorFunction } from 'rxjs'
import type { Batch } from './batch'
import { readLearningRate } from './learningRate'
import type { Snapshot } from './snapshot'
import { checkTrainOptions } from './trainOptions'
import type { TrainOptions } from './trainOptions'
import { trainStep } from './trainStep'
import type { RunStart } from './trainStep'

/**
 * Turns a stream of batches into a stream of snapshots, one per batch: a
 * `scan` whose step takes the gradient of the loss, applies the optimizer and
 * emits the next frozen snapshot. Each subscription is an independent run
 * from `options.params` (or `options.initial`). The options are checked
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
export function train<P extends Params, S, B = Batch>(
  options: TrainOptions<P, S, B>,
): OperatorFunction<B, Snapshot<P, S>> {
  checkTrainOptions('train', options)
  return trainChecked(options)
}

/** `train` over options already checked (by `train` or `fit`). */
export function trainChecked<P extends Params, S, B = Batch>(
  options: TrainOptions<P, S, B>,
): OperatorFunction<B, Snapshot<P, S>> {
  return (batch$) =>
    defer(() => {
      const rate = readLearningRate(options.learningRate)
      const optimizerFor = optimizerCache(options.optimizer)
      const start: RunStart<P, S> = options.initial ?? { step: 0, params: options.params, optimizer: undefined }
      return batch$.pipe(
        scan<B, Snapshot<P, S>, RunStart<P, S>>((prev, batch) => {
          const learningRate = rate.at(prev.step)
          return trainStep(options, optimizerFor(learningRate), prev, batch, learningRate)
        }, start),
        finalize(() => rate.close()),
      )
    })
}

/** The transformation for a learning rate, rebuilt only when the rate changes. */
function optimizerCache<S>(
  optimizer: TrainOptions<Params, S>['optimizer'],
): (learningRate: number) => GradientTransformation<S> {
  if (typeof optimizer !== 'function') return () => optimizer
  let cachedRate = NaN
  let cached: GradientTransformation<S> | undefined
  return (learningRate) => {
    if (cached === undefined || learningRate !== cachedRate) {
      cached = optimizer(learningRate)
      cachedRate = learningRate
    }
    return cached
  }
}
