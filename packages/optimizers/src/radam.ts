import { checkInRange, checkNonNegative, checkOptions, checkFinite } from '@gradstream/core'
import { floatTreeLeaves } from '@gradstream/tensor'
import { chain } from './chain'
import type { LeafKernel } from './leafKernel'
import { checkLearningRate, rateAt } from './learningRate'
import type { LearningRate } from './learningRate'
import type { ScaleByAdamState } from './scaleByAdam'
import { checkCount, checkPower } from './stateChecks'
import type { GradientTransformation } from './transformation'
import { fillLike, mapLeafKernel } from './tree'

/** Options of {@link radam}, with optax's defaults. */
export interface RadamOptions {
  /** Decay of the first moment, in [0, 1). Default 0.9. */
  readonly beta1?: number
  /** Decay of the second moment, in [0, 1). Default 0.999. */
  readonly beta2?: number
  /** Added to `√v̂`, >= 0. Default 1e-8. */
  readonly epsilon?: number
  /** The rectification starts once `ρₜ >= threshold`. Default 5 (optax; PyTorch uses `ρₜ > 5`). */
  readonly threshold?: number
}

/** The state of {@link radam}: Adam's moments and float32 beta powers. */
export type RadamState = readonly [ScaleByAdamState]

/**
 * Rectified Adam (Liu et al.), as optax's `radam` computes it, in float32:
 *
 * ```
 * m = (1−β₁)·g + β₁·m     v = (1−β₂)·g² + β₂·v     m̂ = m/(1−β₁ᵗ)     v̂ = v/(1−β₂ᵗ)
 * ρ∞ = 2/(1−β₂) − 1       ρₜ = ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ)
 * ρₜ >= 5:  step = lr · r·m̂/(√v̂ + ε),  r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
 * else:     step = lr · m̂ (momentum SGD while the variance estimate is unreliable)
 * ```
 *
 * The scalars `ρₜ` and `r` are computed in double from float32 β powers
 * (kept as Adam's `beta1Power`, `beta2Power`), then rounded once; optax
 * computes them in float32, so its `r` may differ in the last bits. PyTorch's
 * `RAdam` adds ε to `√v` and multiplies by `√(1−β₂ᵗ)` instead, and switches
 * at `ρₜ > 5`. TF1 has no RAdam. With β₂ = 0.999 the first 5 steps are
 * unrectified momentum steps.
 *
 * @example
 * const params = { w: tensor([1]) }
 * const opt = radam(0.1)
 * const { updates } = opt.update({ w: tensor([2]) }, opt.init(params))
 * applyUpdates(params, updates).w.toArray() // ≈ [0.8]: lr·m̂ = 0.1·2 while ρₜ < 5
 */
export function radam(learningRate: LearningRate, options: RadamOptions = {}): GradientTransformation<RadamState> {
  checkLearningRate('radam', learningRate)
  checkOptions('radam', options, ['beta1', 'beta2', 'epsilon', 'threshold'])
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, threshold = 5 } = options
  checkInRange('radam', 'beta1', beta1, 0, 1, { highOpen: true })
  checkInRange('radam', 'beta2', beta2, 0, 1, { highOpen: true })
  checkNonNegative('radam', 'epsilon', epsilon)
  checkFinite('radam', 'threshold', threshold)
  const f = Math.fround
  return chain({
    init(params) {
      floatTreeLeaves(params, { caller: 'radam', name: 'params' })
      const [mu, nu] = [fillLike(params, 0), fillLike(params, 0)]
      return Object.freeze({ count: 0, mu, nu, beta1Power: f(beta1), beta2Power: f(beta2) })
    },
    update(grads, state: ScaleByAdamState) {
      checkCount('radam', state)
      checkPower('radam', state, 'beta1Power')
      checkPower('radam', state, 'beta2Power')
      const rate = rateAt('radam', learningRate, state.count)
      const rectifier = rectification(beta2, state.beta2Power, state.count + 1, threshold)
      const trees = { g: ['updates', grads], m: ['state.mu', state.mu], v: ['state.nu', state.nu] } as const
      const kernel = radamKernel({ beta1, beta2, epsilon }, rate, state, rectifier)
      const { mu, nu, step } = mapLeafKernel('radam', trees, ['mu', 'nu', 'step'], kernel)
      const next = {
        count: state.count + 1,
        mu,
        nu,
        beta1Power: f(state.beta1Power * f(beta1)),
        beta2Power: f(state.beta2Power * f(beta2)),
      }
      return { updates: step, state: Object.freeze(next) }
    },
  })
}

/** RAdam's `r` for step `t`, or null below the threshold (no adaptive step yet). */
function rectification(beta2: number, beta2Power: number, t: number, threshold: number): number | null {
  const rhoInf = 2 / (1 - Math.fround(beta2)) - 1
  const rho = rhoInf - (2 * t * beta2Power) / (1 - beta2Power)
  if (!(rho >= threshold)) return null
  return Math.sqrt(((rho - 4) * (rho - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho))
}

interface RadamHyper {
  readonly beta1: number
  readonly beta2: number
  readonly epsilon: number
}

// optax radam: Adam's moments as (1−β)·g + β·m, bias-corrected, then r·m̂/(√v̂ + ε) or m̂, times −lr.
function radamKernel(
  hyper: RadamHyper,
  lr: number,
  powers: ScaleByAdamState,
  rectifier: number | null,
): LeafKernel<'g' | 'm' | 'v', 'mu' | 'nu' | 'step'> {
  return ({ g, m, v }, { mu, nu, step }, r) => {
    const [beta1, beta2, epsilon] = [r(hyper.beta1), r(hyper.beta2), r(hyper.epsilon)]
    const [oneMinusBeta1, oneMinusBeta2] = [r(1 - beta1), r(1 - beta2)]
    const [correction1, correction2] = [r(1 - powers.beta1Power), r(1 - powers.beta2Power)]
    const [rate, rect] = [r(lr), rectifier === null ? null : r(rectifier)]
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(r(oneMinusBeta1 * gi) + r(beta1 * m[i]!))
      const vi = r(r(oneMinusBeta2 * r(gi * gi)) + r(beta2 * v[i]!))
      mu[i] = mi
      nu[i] = vi
      const mHat = r(mi / correction1)
      const direction = rect === null ? mHat : r(r(rect * mHat) / r(r(Math.sqrt(r(vi / correction2))) + epsilon))
      step[i] = -r(rate * direction)
    }
  }
}
