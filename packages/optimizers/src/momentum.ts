import { chain } from './chain'
import { traceTransformation } from './trace'
import type { TraceState } from './trace'
import type { GradientTransformation } from './transformation'
import { checkOptions } from '@gradstream/core'
import { checkLearningRate } from './learningRate'
import type { LearningRate } from './learningRate'

/** Options of {@link momentum}. */
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
 * const params = { w: tensor([1]) }
 * const opt = momentum(0.1, 0.9)
 * const first = opt.update({ w: tensor([1]) }, opt.init(params)) // accum 1: w − 0.1
 * const second = opt.update({ w: tensor([1]) }, first.state) //     accum 1.9: w − 0.19
 * applyUpdates(applyUpdates(params, first.updates), second.updates).w.toArray() // ≈ [0.71]
 */
export function momentum(
  learningRate: LearningRate,
  momentum: number,
  options: MomentumOptions = {},
): GradientTransformation<MomentumState> {
  checkLearningRate('momentum', learningRate)
  checkOptions('momentum', options, ['nesterov'])
  return chain(
    traceTransformation('momentum', { decay: momentum, nesterov: options.nesterov, learningRate }, -1, 'momentum'),
  )
}
