import { chain } from './chain'
import { traceTransformation } from './trace'
import type { TraceState } from './trace'
import type { GradientTransformation } from './transformation'
import { checkLearningRate, checkOptionKeys } from './validate'
import type { LearningRate } from './validate'

export interface MomentumOptions {
  /** Nesterov momentum. Default false. */
  readonly nesterov?: boolean
}

/** The state of {@link momentum}: a chain of one, the momentum trace. */
export type MomentumState = readonly [TraceState]

/**
 * TF1's `tf.train.MomentumOptimizer(learningRate, momentum, use_nesterov)`:
 * `accum = accum·momentum + g; var -= accum·lr` (Nesterov:
 * `var -= g·lr + accum·momentum·lr`), in float32 as TF1's kernel computes it.
 *
 * @example
 * const opt = momentum(0.01, 0.9)
 * const { updates, state } = opt.update(grads, opt.init(params))
 */
export function momentum(
  learningRate: LearningRate,
  momentum: number,
  options: MomentumOptions = {},
): GradientTransformation<MomentumState> {
  checkLearningRate('momentum', learningRate)
  checkOptionKeys('momentum', options, ['nesterov'])
  return chain(traceTransformation('momentum', { decay: momentum, nesterov: options.nesterov, learningRate }, -1))
}
