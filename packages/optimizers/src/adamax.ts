import { checkInRange, checkNonNegative, checkOptions } from '@gradstream/core'
import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { chain } from './chain'
import type { LeafKernel } from './leafKernel'
import { checkLearningRate, rateAt } from './learningRate'
import type { LearningRate } from './learningRate'
import { checkCount } from './stateChecks'
import type { GradientTransformation } from './transformation'
import { fillLike, mapLeafKernel } from './tree'

/** Options of {@link adamax}, with Keras's defaults. */
export interface AdamaxOptions {
  /** Decay of the first moment, in [0, 1). Default 0.9. */
  readonly beta1?: number
  /** Decay of the infinity norm, in [0, 1). Default 0.999. */
  readonly beta2?: number
  /** Added to the infinity norm, >= 0. Default 1e-7 (Keras). */
  readonly epsilon?: number
}

/** The state of {@link adamax}'s one transformation. */
export interface ScaleByAdamaxState {
  readonly count: number
  /** First moments, one leaf per parameter (TF's `m`). */
  readonly mu: Params
  /** Exponentially weighted infinity norms of the gradients (TF's `v`, the paper's `u`). */
  readonly nu: Params
}

/** The state of {@link adamax}: a chain of one. */
export type AdamaxState = readonly [ScaleByAdamaxState]

/**
 * Adamax (Kingma & Ba, section 7.1), as `tf.keras.optimizers.Adamax` runs it
 * in TF 1.x: TF's `ApplyAdaMax` kernel in float32, operation for operation,
 *
 * ```
 * m += (g − m)(1 − β₁)     u = max(β₂·u, |g|)     var −= lr/(1 − β₁ᵗ) · (m/(u + ε))
 * ```
 *
 * with `β₁ᵗ` computed as Keras does, `pow(β₁, t)` in float32 (here: the
 * double power rounded to float32, which can differ from the C library's
 * `powf` in the last bit in rare cases). optax's `adamax` adds ε inside the
 * maximum instead, `u = max(β₂·u, |g| + ε)`, and divides the bias-corrected
 * `m̂` by `u`. TF1's `tf.train` has no Adamax.
 *
 * @example
 * const params = { w: tensor([1]) }
 * const opt = adamax(0.1)
 * const { updates } = opt.update({ w: tensor([-4]) }, opt.init(params))
 * applyUpdates(params, updates).w.toArray() // ≈ [1.1]: the first step is lr·sign(g)
 */
export function adamax(learningRate: LearningRate, options: AdamaxOptions = {}): GradientTransformation<AdamaxState> {
  checkLearningRate('adamax', learningRate)
  checkOptions('adamax', options, ['beta1', 'beta2', 'epsilon'])
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = options
  checkInRange('adamax', 'beta1', beta1, 0, 1, { highOpen: true })
  checkInRange('adamax', 'beta2', beta2, 0, 1, { highOpen: true })
  checkNonNegative('adamax', 'epsilon', epsilon)
  const hyper = { beta1, beta2, epsilon }
  return chain({
    init(params) {
      floatTreeLeaves(params, { caller: 'adamax', name: 'params' })
      return Object.freeze({ count: 0, mu: fillLike(params, 0), nu: fillLike(params, 0) })
    },
    update(grads, state: ScaleByAdamaxState) {
      checkCount('adamax', state)
      const rate = rateAt('adamax', learningRate, state.count)
      const trees = { g: ['updates', grads], m: ['state.mu', state.mu], u: ['state.nu', state.nu] } as const
      const out = mapLeafKernel('adamax', trees, ['mu', 'nu', 'step'], adamaxKernel(hyper, rate, state.count + 1))
      return { updates: out.step, state: Object.freeze({ count: state.count + 1, mu: out.mu, nu: out.nu }) }
    },
  })
}

// TF ApplyAdaMax: m += (g − m)·(1 − β₁); v = max(β₂·v, |g|); var −= lr/(1 − β₁ᵗ) · (m/(v + ε)), the scalar first.
function adamaxKernel(
  hyper: Required<AdamaxOptions>,
  lr: number,
  t: number,
): LeafKernel<'g' | 'm' | 'u', 'mu' | 'nu' | 'step'> {
  return ({ g, m, u }, { mu, nu, step }, r) => {
    const [beta1, beta2, epsilon] = [r(hyper.beta1), r(hyper.beta2), r(hyper.epsilon)]
    const oneMinusBeta1 = r(1 - beta1)
    const stepSize = r(r(lr) / r(1 - r(beta1 ** t)))
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(m[i]! + r(r(gi - m[i]!) * oneMinusBeta1))
      const ui = Math.max(r(beta2 * u[i]!), Math.abs(gi))
      mu[i] = mi
      nu[i] = ui
      step[i] = -r(stepSize * r(mi / r(ui + epsilon)))
    }
  }
}
