import type { Params } from '@gradstream/autodiff'
import type { GradientTransformation } from '@gradstream/optimizers'
import type { ExponentialMovingAverage } from '@gradstream/ema'
import type { Tensor } from '@gradstream/tensor'
import { ConfigError } from '@gradstream/tensor'
import type { Batch } from './batch'
import { checkOptions } from './checkOptions'
import type { LearningRate } from './learningRate'
import type { TrainState } from './snapshot'

/** What a loss function returns: the loss, or named terms that are summed (in key order) for the gradient. */
export type LossOutput = Tensor | Readonly<Record<string, Tensor>>

/** An optimizer, or a function making one for a learning rate (`adam` itself is one: `(lr) => adam(lr)`). */
export type Optimizer<S> = GradientTransformation<S> | ((learningRate: number) => GradientTransformation<S>)

export interface TrainConfig<P extends Params, S, B = Batch> {
  /** Initial parameters (a pytree of float tensors). */
  readonly params: P
  /** Loss of the parameters on a batch. */
  readonly loss: (params: P, batch: B) => LossOutput
  readonly optimizer: Optimizer<S>
  /** Needed when `optimizer` is a function of the learning rate; reported in every snapshot. */
  readonly learningRate?: LearningRate
  /** Keep a moving average of the parameters, updated after each step with the step count. */
  readonly ema?: ExponentialMovingAverage
  /** Put each step's gradients in the snapshot. */
  readonly keepGrads?: boolean
  /** Continue from a saved state (see `resume`) instead of starting at step 0. */
  readonly initial?: TrainState<P, S>
}

const KNOWN = ['params', 'loss', 'optimizer', 'learningRate', 'ema', 'keepGrads', 'initial']

export function checkTrainConfig<P extends Params, S, B>(config: TrainConfig<P, S, B>, fn = 'train'): void {
  checkOptions(fn, config, KNOWN)
  if (typeof config.loss !== 'function') throw new ConfigError(fn, `loss must be a function, got ${typeof config.loss}`)
  const { optimizer, learningRate } = config
  const isTransformation = typeof optimizer === 'object' && optimizer !== null && 'update' in optimizer
  if (typeof optimizer !== 'function' && !isTransformation) {
    throw new ConfigError(fn, 'optimizer must be a GradientTransformation or a function of the learning rate')
  }
  if (typeof optimizer === 'function' && learningRate === undefined) {
    throw new ConfigError(fn, 'optimizer is a function of the learning rate, so learningRate is required')
  }
}
