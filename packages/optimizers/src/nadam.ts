import { checkOptions } from '@gradstream/core'
import { resolveAdamOptions } from './adamOptions'
import type { AdamOptions } from './adamOptions'
import { chain } from './chain'
import { checkLearningRate } from './learningRate'
import type { LearningRate } from './learningRate'
import { adamTransformation } from './scaleByAdam'
import type { ScaleByAdamState } from './scaleByAdam'
import type { GradientTransformation } from './transformation'

/** Options of {@link nadam}: Adam's, without `amsgrad`. */
export type NadamOptions = Omit<AdamOptions, 'amsgrad'>

/** The state of {@link nadam}: a chain of one, Adam's moments and beta powers. */
export type NadamState = readonly [ScaleByAdamState]

/**
 * Adam with Nesterov momentum (Dozat). The default `form: 'tf1'` is TF1's
 * `tf.contrib.opt.NadamOptimizer`, that is TF1's `ApplyAdam` kernel with
 * `use_nesterov=True`, in float32 operation for operation:
 *
 * ```
 * alpha = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)   m += (g−m)(1−β₁)   v += (g²−v)(1−β₂)   var −= (g·(1−β₁) + β₁·m)·alpha / (√v + ε)
 * ```
 *
 * `form: 'paper'` is optax's `nadam`: `m̂ = β₁·m/(1−β₁ᵗ⁺¹) + (1−β₁)·g/(1−β₁ᵗ)`,
 * `v̂ = v/(1−β₂ᵗ)`, step `lr·m̂/(√v̂ + ε)`. Keras's `Nadam` (with its momentum
 * schedule `β₁·(1 − 0.5·0.96^(0.004·t))`) and PyTorch's `NAdam` (momentum
 * decay 0.004) take other steps again and are not reproduced. Defaults are
 * Adam's: β₁ 0.9, β₂ 0.999, ε 1e-8.
 *
 * @example
 * const params = { w: tensor([1]) }
 * const opt = nadam(0.1)
 * const { updates } = opt.update({ w: tensor([2]) }, opt.init(params))
 * applyUpdates(params, updates).w.toArray() // ≈ [0.81]: a first step of 1.9·lr, as (1−β₁)·g + β₁·m = 1.9·m
 */
export function nadam(learningRate: LearningRate, options: NadamOptions = {}): GradientTransformation<NadamState> {
  checkLearningRate('nadam', learningRate)
  checkOptions('nadam', options, ['beta1', 'beta2', 'epsilon', 'form'])
  const resolved = { ...resolveAdamOptions('nadam', options), nesterov: true }
  return chain(adamTransformation('nadam', resolved, learningRate, -1))
}
