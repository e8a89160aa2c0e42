import { valueAndGrad } from '@gradstream/autodiff'
import { average } from '@gradstream/ema'
import type { ExponentialMovingAverage } from '@gradstream/ema'
import type { Params } from '@gradstream/tensor'
import { applyUpdates } from '@gradstream/optimizers'
import type { GradientTransformation } from '@gradstream/optimizers'
import { add, Tensor } from '@gradstream/tensor'
import { StructureError } from '@gradstream/core'
import { produce } from 'immer'
import { deepFreeze } from './deepFreeze'
import { TrainStepError } from './errors'
import { averageAfter } from './movingAverage'
import { shareUnchanged } from './shareUnchanged'
import type { LossTerms, Snapshot } from './snapshot'
import type { LossOutput, TrainOptions } from './trainOptions'

/** The state a run starts from: step 0 with fresh optimizer state, or a resumed state. */
export interface RunStart<P extends Params, S> {
  readonly step: number
  readonly params: P
  readonly optimizer: S | undefined
  readonly ema?: P | undefined
}

// The next snapshot is filled in field by field before it is frozen.
type Writable<T> = { -readonly [K in keyof T]: T[K] }

/** The terms summed left to right, in key order; a single tensor is the loss itself. */
function totalLoss(output: LossOutput): Tensor {
  if (output instanceof Tensor) return output
  let total: Tensor | undefined
  for (const name of Object.keys(output)) total = total === undefined ? output[name]! : add(total, output[name]!)
  if (total === undefined) throw new StructureError('train', 'the loss function returned no terms')
  return total
}

/** Each term's value, frozen; a loss function returning one tensor reports it as `{ loss }`. */
function lossValues(output: LossOutput): LossTerms {
  if (output instanceof Tensor) return Object.freeze({ loss: output.item() })
  const values: Record<string, number> = {}
  for (const name of Object.keys(output)) values[name] = output[name]!.item()
  return Object.freeze(values)
}

/**
 * One training step: the loss and its gradient at `prev.params`, the
 * optimizer update, the moving average if any, then the next snapshot built
 * from the previous one with immer (unchanged subtrees shared).
 */
export function trainStep<P extends Params, S, B>(
  options: TrainOptions<P, S, B>,
  optimizer: GradientTransformation<S>,
  prev: Snapshot<P, S> | RunStart<P, S>,
  batch: B,
  learningRate: number,
): Snapshot<P, S> {
  const step = prev.step + 1
  try {
    let output: LossOutput = {}
    const { value, grads } = valueAndGrad((params: P) => {
      output = options.loss(params, batch)
      return totalLoss(output)
    })(prev.params)
    const state = prev.optimizer ?? optimizer.init(prev.params)
    const { updates, state: optimizerState } = optimizer.update(grads, state, prev.params)
    const params = applyUpdates(prev.params, updates) as P
    const next: Writable<Snapshot<P, S>> = {
      step,
      params: shareUnchanged(prev.params, params),
      optimizer: shareUnchanged(prev.optimizer, optimizerState),
      loss: value.item(),
      losses: lossValues(output),
      learningRate,
    }
    if (options.ema) next.ema = shareUnchanged(prev.ema, emaAfter(options.ema, prev, params, step))
    if (options.keepGrads) next.grads = deepFreeze(grads)
    // The run's start is not a snapshot: parts shared with it (the initial params) may not be frozen yet.
    return 'loss' in prev ? produceSnapshot(prev, next) : deepFreeze(next)
  } catch (error) {
    throw error instanceof TrainStepError ? error : new TrainStepError(step, error)
  }
}

/**
 * The snapshot after `prev`: immer's `produce` with a recipe that returns the
 * replacement, frozen. The parts of `next` that did not change are `prev`'s
 * own and the rest come frozen from `shareUnchanged`, so there is nothing to
 * draft, copy or walk. Assigning the same fields on the draft instead costs
 * about 1.5 µs a step in proxy traps and finalization: more than the whole
 * stream may add to a step of a small model.
 */
function produceSnapshot<P extends Params, S>(prev: Snapshot<P, S>, next: Snapshot<P, S>): Snapshot<P, S> {
  return produce(prev, () => Object.freeze(next))
}

/** The average after this step; a resumed run continues the average its checkpoint holds. */
function emaAfter<P extends Params, S>(
  ema: ExponentialMovingAverage,
  prev: Snapshot<P, S> | RunStart<P, S>,
  params: P,
  step: number,
): P {
  const previous = prev.ema === undefined ? undefined : { count: prev.step, average: prev.ema }
  return average(averageAfter(ema, previous, prev.params, params, step))
}
