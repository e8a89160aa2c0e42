import { valueAndGrad } from '@gradstream/autodiff'
import { average } from '@gradstream/ema'
import type { Params } from '@gradstream/autodiff'
import { applyUpdates } from '@gradstream/optimizers'
import type { GradientTransformation } from '@gradstream/optimizers'
import { add, Tensor } from '@gradstream/tensor'
import { freeze, produce } from 'immer'
import type { Draft } from 'immer'
import { TrainStepError } from './errors'
import { shareUnchanged } from './shareUnchanged'
import type { Snapshot } from './snapshot'
import type { LossOutput, TrainConfig } from './trainConfig'

/** The state a run starts from: step 0 with fresh optimizer state, or a resumed state. */
export interface RunStart<P extends Params, S> {
  readonly step: number
  readonly params: P
  readonly optimizer: S | undefined
  readonly ema?: P | undefined
}

function totalLoss(output: LossOutput): { total: Tensor; terms: Record<string, Tensor> } {
  if (output instanceof Tensor) return { total: output, terms: { loss: output } }
  const terms = { ...output }
  const values = Object.values(terms)
  if (values.length === 0) throw new TypeError('the loss function returned no terms')
  return { total: values.slice(1).reduce((sum, term) => add(sum, term), values[0]!), terms }
}

/**
 * One training step: the loss and its gradient at `prev.params`, the
 * optimizer update, the moving average if any, then the next snapshot built
 * from the previous one with immer (unchanged subtrees shared).
 */
export function trainStep<P extends Params, S, B>(
  config: TrainConfig<P, S, B>,
  optimizer: GradientTransformation<S>,
  prev: Snapshot<P, S> | RunStart<P, S>,
  batch: B,
  learningRate: number,
): Snapshot<P, S> {
  const step = prev.step + 1
  try {
    let terms: Record<string, Tensor> = {}
    const { value, grads } = valueAndGrad((params: P) => {
      const loss = totalLoss(config.loss(params, batch))
      terms = loss.terms
      return loss.total
    })(prev.params)
    const state = prev.optimizer ?? optimizer.init(prev.params)
    const { updates, state: optimizerState } = optimizer.update(grads, state, prev.params)
    const params = applyUpdates(prev.params, updates) as P
    const ema = config.ema ? emaAfter(config, prev, params, step) : undefined
    const next = {
      step,
      params: shareUnchanged(prev.params, params),
      optimizer: prev.optimizer === undefined ? optimizerState : shareUnchanged(prev.optimizer, optimizerState),
      loss: value.item(),
      losses: Object.freeze(Object.fromEntries(Object.entries(terms).map(([name, term]) => [name, term.item()]))),
      learningRate,
      ...(ema ? { ema: shareUnchanged(prev.ema, ema) } : {}),
      ...(config.keepGrads ? { grads } : {}),
    }
    return 'loss' in prev
      ? produce(prev, (draft) => Object.assign(draft, next as Draft<typeof next>))
      : freeze(next, true)
  } catch (error) {
    throw error instanceof TrainStepError ? error : new TrainStepError(step, error)
  }
}

/** The average after this step: TF1 starts the shadow at the initial parameters and passes the step as num_updates. */
function emaAfter<P extends Params, S, B>(
  config: TrainConfig<P, S, B>,
  prev: Snapshot<P, S> | RunStart<P, S>,
  params: P,
  step: number,
): P {
  const ema = config.ema!
  const state = prev.ema === undefined ? ema.init(prev.params) : { count: prev.step, average: prev.ema }
  return average(ema.update(state, params, step))
}
