import { decayedWeightsTransformation } from './addDecayedWeights'
import { resolveAdamOptions } from './adamOptions'
import type { AdamOptions } from './adamOptions'
import { chain } from './chain'
import { adamTransformation } from './scaleByAdam'
import type { ScaleByAdamState } from './scaleByAdam'
import type { CountState, GradientTransformation } from './transformation'
import { checkNonNegative } from '@gradstream/core'
import { checkLearningRate } from './learningRate'
import type { Mask } from './masked'
import { MASK, checkPerLeaf } from './perLeaf'
import type { LearningRate } from './learningRate'

/** Options of {@link adamw}: Adam's, plus the weight decay. */
export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay coefficient, >= 0. Default 1e-4 (optax's default). */
  readonly weightDecay?: number
  /**
   * Which params decay (optax's `mask`): a tree of booleans like the params
   * (or a prefix of it), or a function of `(path, leaf)`, e.g.
   * `(path, leaf) => leaf.rank > 1` to leave biases and norm scales alone.
   * Default: every param decays.
   */
  readonly mask?: Mask
}

/** The state of {@link adamw}: the Adam moments, then the weight decay's count. */
export type AdamWState = readonly [ScaleByAdamState, CountState]

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter): each update is
 * the {@link adam} step plus `lr · weightDecay · params`, so the decay does
 * not pass through Adam's normalisation, as in optax's and PyTorch's
 * `adamw`. The Adam part follows `options.form` (TF1's by default).
 * `update` needs the current params as its third argument. A `mask` limits
 * the decay to the params it selects; the Adam step applies to all.
 *
 * @example
 * const params = { w: tensor([2]) }
 * const opt = adamw(0.1, { weightDecay: 0.5 })
 * const { updates } = opt.update({ w: tensor([1]) }, opt.init(params), params)
 * applyUpdates(params, updates).w.toArray() // ≈ [1.8]: the Adam step −0.1, the decay −lr·wd·w = −0.1
 * const noBiasDecay = adamw(0.1, { weightDecay: 0.5, mask: (path, leaf) => leaf.rank > 1 }) // biases do not decay
 */
export function adamw(learningRate: LearningRate, options: AdamWOptions = {}): GradientTransformation<AdamWState> {
  checkLearningRate('adamw', learningRate)
  const resolved = resolveAdamOptions('adamw', options, ['weightDecay', 'mask'])
  const { weightDecay = 1e-4, mask } = options
  checkNonNegative('adamw', 'weightDecay', weightDecay)
  if (mask !== undefined) checkPerLeaf('adamw', MASK, mask)
  const decay =
    typeof learningRate === 'number' ? learningRate * weightDecay : (step: number) => learningRate(step) * weightDecay
  return chain(
    adamTransformation('adamw', resolved, learningRate, -1),
    decayedWeightsTransformation('adamw', decay, -1, mask),
  )
}
