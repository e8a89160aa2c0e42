import type { Params } from '@gradstream/autodiff'
import type { GradientTransformation } from '@gradstream/optimizers'
import { defer, finalize, scan } from 'rxjs'
import type { OperatorFunction } from 'rxjs'
import type { Batch } from './batch'
import { readLearningRate } from './learningRate'
import type { Snapshot } from './snapshot'
import { checkTrainConfig } from './trainConfig'
import type { TrainConfig } from './trainConfig'
import { trainStep } from './trainStep'
import type { RunStart } from './trainStep'

/**
 * Turns a stream of batches into a stream of snapshots, one per batch: a
 * `scan` whose step takes the gradient of the loss, applies the optimizer and
 * emits the next frozen snapshot. Each subscription is an independent run
 * from `config.params` (or `config.initial`).
 *
 * @example
 * const step$ = batches(x, y, { batchSize: 8 }).pipe(
 *   train({ params: { w }, loss: ({ w }, { x, y }) => meanSquaredError(y, matMul(x, w)), optimizer: adam, learningRate: 0.001 }),
 *   take(5000),
 * )
 * step$.pipe(everySteps(1000)).subscribe((s) => console.log(s.step, s.loss))
 */
export function train<P extends Params, S, B = Batch>(
  config: TrainConfig<P, S, B>,
): OperatorFunction<B, Snapshot<P, S>> {
  checkTrainConfig(config)
  return (batch$) =>
    defer(() => {
      const rate = readLearningRate(config.learningRate)
      const optimizerFor = optimizerCache(config.optimizer)
      const start: RunStart<P, S> = config.initial ?? { step: 0, params: config.params, optimizer: undefined }
      return batch$.pipe(
        scan<B, Snapshot<P, S>, RunStart<P, S>>((prev, batch) => {
          const learningRate = rate.at(prev.step)
          return trainStep(config, optimizerFor(learningRate), prev, batch, learningRate)
        }, start),
        finalize(() => rate.close()),
      )
    })
}

/** The transformation for a learning rate, rebuilt only when the rate changes. */
function optimizerCache<S>(
  optimizer: TrainConfig<Params, S>['optimizer'],
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
