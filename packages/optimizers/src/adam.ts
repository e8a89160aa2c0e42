import { resolveAdamOptions } from './adamOptions'
import type { AdamOptions } from './adamOptions'
import { chain } from './chain'
import { adamTransformation } from './scaleByAdam'
import type { ScaleByAdamState } from './scaleByAdam'
import type { GradientTransformation } from './transformation'
import { checkLearningRate } from './learningRate'
import type { LearningRate } from './learningRate'

/** The state of {@link adam}: a chain of one, the Adam moments and beta powers. */
export type AdamState = readonly [ScaleByAdamState]

/**
 * Adam, as TF1's `tf.train.AdamOptimizer(learningRate, beta1, beta2, epsilon)`:
 * the updates of `chain(scaleByAdam({ ...options, learningRate }), scale(-1))`
 * (with the sign folded into the one kernel pass), every step computed in
 * float32 in TF1's order, with float32 beta-power accumulators.
 *
 * TF1's update is `lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)`: the bias correction is
 * folded into the step size and ε is added to `√v`. optax and PyTorch divide
 * by `√v̂ + ε` with `v̂ = v/(1−β₂ᵗ)`, which takes visibly different steps in
 * the first few hundred updates (and whenever `√v` is near ε). Pass
 * `form: 'paper'` for their form.
 *
 * `amsgrad: true` divides by the largest second moment seen so far,
 * `v̂ = max(v̂, v)`, instead of `v`: with `form: 'tf1'` it is TF1's
 * `ApplyAdamWithAmsgrad` kernel (what Keras's `Adam(amsgrad=True)` runs),
 * `var −= m·alpha/(√v̂ + ε)`, with this optimizer's float32 β-power
 * accumulators and defaults (Keras computes `pow(β, t)` and defaults ε to 1e-7); with `form: 'paper'` the maximum is taken of the
 * raw `v` and bias-corrected after, as PyTorch's `Adam(amsgrad=True)` does,
 * `lr·m̂/(√(v̂/(1−β₂ᵗ)) + ε)` in optax's order of operations.
 *
 * @example
 * const loss = (p: { w: Tensor }) => sum(square(sub(p.w, 3)))
 * const opt = adam(0.1)
 * let params = { w: tensor([0, 1]) }
 * let state = opt.init(params)
 * for (let i = 0; i < 300; i++) {
 *   const { updates, state: next } = opt.update(valueAndGrad(loss)(params).grads, state)
 *   params = applyUpdates(params, updates)
 *   state = next
 * }
 * params.w.toArray() // ≈ [3, 3]
 */
export function adam(learningRate: LearningRate, options: AdamOptions = {}): GradientTransformation<AdamState> {
  checkLearningRate('adam', learningRate)
  const resolved = resolveAdamOptions('adam', options)
  return chain(adamTransformation('adam', resolved, learningRate, -1))
}
