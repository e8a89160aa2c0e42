import { chain } from './chain'
import { learningRateTransformation } from './scale'
import { traceTransformation } from './trace'
import type { TraceState } from './trace'
import type { CountState, GradientTransformation } from './transformation'
import { checkOptions } from '@gradstream/core'
import { checkLearningRate } from './learningRate'
import type { LearningRate } from './learningRate'

/** Options of {@link sgd}. */
export interface SgdOptions {
  /** Momentum in [0, 1). Default 0: plain gradient descent. */
  readonly momentum?: number
  /** Nesterov momentum. Default false. */
  readonly nesterov?: boolean
}

/** The state of {@link sgd}: `[count]` without momentum, `[trace]` with it. */
export type SgdState = readonly [CountState] | readonly [TraceState]

/**
 * Stochastic gradient descent, as TF1's `tf.train.GradientDescentOptimizer`:
 * `var -= grad·lr` in float32 (the update is `-(grad·lr)`). With `momentum`
 * or `nesterov` it is {@link momentum}. A schedule is read at the number of
 * updates already made, as TF1's `minimize(loss, global_step)` does.
 *
 * @example
 * const opt = sgd(0.001)
 * let params = { x: scalar(5) }
 * const { grads } = valueAndGrad((p: { x: Tensor }) => square(p.x))(params)
 * params = applyUpdates(params, opt.update(grads, opt.init(params)).updates) // x = 4.99
 */
export function sgd(learningRate: LearningRate, options: SgdOptions = {}): GradientTransformation<SgdState> {
  checkLearningRate('sgd', learningRate)
  checkOptions('sgd', options, ['momentum', 'nesterov'])
  const { momentum = 0, nesterov = false } = options
  if (momentum === 0 && nesterov === false) return chain(learningRateTransformation('sgd', learningRate))
  return chain(traceTransformation('sgd', { decay: momentum, nesterov, learningRate }, -1, 'momentum'))
}
