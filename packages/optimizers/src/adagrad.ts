import { chain } from './chain'
import { rssTransformation } from './scaleByRss'
import type { ScaleByRssState } from './scaleByRss'
import type { GradientTransformation } from './transformation'
import { checkOptions } from '@gradstream/core'
import { checkLearningRate } from './learningRate'
import type { LearningRate } from './learningRate'

/** Options of {@link adagrad}. */
export interface AdagradOptions {
  /** Starting value of the sum of squared gradients, > 0. Default 0.1 (TF1). */
  readonly initialAccumulatorValue?: number
}

/** The state of {@link adagrad}: a chain of one, the sum of squares. */
export type AdagradState = readonly [ScaleByRssState]

/**
 * TF1's `tf.train.AdagradOptimizer(learningRate, initial_accumulator_value = 0.1)`:
 * `accum += g²; var -= g·lr/√accum`, in float32 as TF1's kernel computes it.
 *
 * @example
 * const params = { w: tensor([1, -1]) }
 * const opt = adagrad(0.1)
 * const { updates } = opt.update({ w: tensor([2, -2]) }, opt.init(params))
 * applyUpdates(params, updates).w.toArray() // ≈ [0.901, -0.901]: w − g·lr/√(0.1 + g²)
 */
export function adagrad(
  learningRate: LearningRate,
  options: AdagradOptions = {},
): GradientTransformation<AdagradState> {
  checkLearningRate('adagrad', learningRate)
  checkOptions('adagrad', options, ['initialAccumulatorValue'])
  return chain(rssTransformation('adagrad', options, learningRate, -1))
}
