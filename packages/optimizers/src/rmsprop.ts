import { chain } from './chain'
import { RMS_OPTION_KEYS, rmsTransformation } from './scaleByRms'
import type { ScaleByRmsOptions, ScaleByRmsState } from './scaleByRms'
import type { GradientTransformation } from './transformation'
import { checkOptions } from '@gradstream/core'
import { checkLearningRate } from './learningRate'
import type { LearningRate } from './learningRate'

/** Options of {@link rmsprop}: TF1's `decay`, `momentum`, `epsilon`, `centered`. */
export type RmsPropOptions = Omit<ScaleByRmsOptions, 'learningRate'>

/** The state of {@link rmsprop}: a chain of one, the RMSProp accumulators. */
export type RmsPropState = readonly [ScaleByRmsState]

/**
 * TF1's `tf.train.RMSPropOptimizer(learningRate, decay = 0.9, momentum = 0,
 * epsilon = 1e-10, centered = false)`, in float32 as TF1's kernels compute it:
 * the updates of `chain(scaleByRms({ ...options, learningRate }), scale(-1))`. The mean
 * square starts at 1 as in TF1 (Keras and PyTorch start it at 0, so their
 * first steps are much larger).
 *
 * @example
 * const params = { w: tensor([1]) }
 * const opt = rmsprop(0.01)
 * const { updates } = opt.update({ w: tensor([2]) }, opt.init(params))
 * applyUpdates(params, updates).w.toArray() // ≈ [0.9825]: ms = 1 + (4 − 1)·0.1, w − 2·0.01/√1.3
 */
export function rmsprop(
  learningRate: LearningRate,
  options: RmsPropOptions = {},
): GradientTransformation<RmsPropState> {
  checkLearningRate('rmsprop', learningRate)
  checkOptions('rmsprop', options, RMS_OPTION_KEYS)
  return chain(rmsTransformation('rmsprop', options, learningRate, -1))
}
