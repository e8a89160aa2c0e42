import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { resolveAdamOptions } from './adamOptions'
import type { AdamOptions, ResolvedAdamOptions } from './adamOptions'
import type { LeafKernel } from './leafKernel'
import type { GradientTransformation } from './transformation'
import { rateAt, resolveOptionalRate } from './learningRate'
import type { LearningRate } from './learningRate'
import { checkCount, checkPower } from './stateChecks'
import type { Sign } from './transformation'
import { fillLike, mapLeafKernel } from './tree'

/** Options of {@link scaleByAdam}: Adam's, plus a step size to fold in. */
export interface ScaleByAdamOptions extends AdamOptions {
  /**
   * Step size folded into the update (default 1). TF1 multiplies `m` by
   * `alpha = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`; folding `lr` in here rounds exactly as
   * TF1 does, where scaling afterwards would round differently.
   */
  readonly learningRate?: LearningRate
}

/** The state of {@link scaleByAdam}: TF1's Adam slots and beta powers, plus the update count. */
export interface ScaleByAdamState {
  readonly count: number
  /** First moments, one leaf per parameter. */
  readonly mu: Params
  /** Second moments, one leaf per parameter. */
  readonly nu: Params
  /** β₁ᵗ for the next update: a float32 accumulator multiplied by β₁ after each update (TF1's `beta1_power`), not `pow`. */
  readonly beta1Power: number
  /** β₂ᵗ for the next update, kept like `beta1Power`. */
  readonly beta2Power: number
}

/**
 * Adam's step direction (positive: pair it with a negative scale). With the
 * default `form: 'tf1'` it is TF1's `ApplyAdam` in float32, operation for
 * operation:
 *
 * ```
 * alpha = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)     m += (g−m)(1−β₁)     v += (g²−v)(1−β₂)     step = m·alpha/(√v + ε)
 * ```
 *
 * TF1 adds ε to `√v`, not to the bias-corrected `√v̂` of the paper (optax,
 * PyTorch), so early in training, while `1−β₂ᵗ` is small, the two forms take
 * noticeably different steps; `form: 'paper'` gives the paper's form.
 *
 * @example
 * const params = { w: tensor([1, 2]) }
 * const opt = chain(scaleByAdam({ learningRate: 0.001 }), scale(-1)) // adam(0.001)'s updates, bit for bit
 * const { updates } = opt.update({ w: tensor([0.5, -3]) }, opt.init(params))
 * applyUpdates(params, updates).w.toArray() // ≈ [0.999, 2.001]: a first step of lr against the gradient
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransformation<ScaleByAdamState> {
  const resolved = resolveAdamOptions('scaleByAdam', options, ['learningRate'])
  return adamTransformation('scaleByAdam', resolved, resolveOptionalRate('scaleByAdam', options.learningRate), 1)
}

/** scaleByAdam with options already validated; `fn` names the caller in errors, `sign` flips the output. */
export function adamTransformation(
  fn: string,
  options: ResolvedAdamOptions,
  learningRate: LearningRate,
  sign: Sign,
): GradientTransformation<ScaleByAdamState> {
  const f = Math.fround
  return {
    init: (params) => {
      floatTreeLeaves(params, { caller: fn, name: 'params' })
      return Object.freeze({
        count: 0,
        mu: fillLike(params, 0),
        nu: fillLike(params, 0),
        beta1Power: f(options.beta1),
        beta2Power: f(options.beta2),
      })
    },
    update: (grads, state) => {
      checkAdamState(fn, state)
      const rate = rateAt(fn, learningRate, state.count)
      const kernel = (options.form === 'tf1' ? tf1Kernel : paperKernel)(options, rate, sign, state)
      const trees = { g: ['updates', grads], m: ['state.mu', state.mu], v: ['state.nu', state.nu] } as const
      const { mu, nu, step } = mapLeafKernel(fn, trees, ['mu', 'nu', 'step'], kernel)
      const next = {
        count: state.count + 1,
        mu,
        nu,
        beta1Power: f(state.beta1Power * f(options.beta1)),
        beta2Power: f(state.beta2Power * f(options.beta2)),
      }
      return { updates: step, state: Object.freeze(next) }
    },
  }
}

function checkAdamState(fn: string, state: ScaleByAdamState): void {
  checkCount(fn, state)
  checkPower(fn, state, 'beta1Power')
  checkPower(fn, state, 'beta2Power')
}

type AdamInput = 'g' | 'm' | 'v'
type AdamOutput = 'mu' | 'nu' | 'step'

// TF1 ApplyAdamNonCuda: every scalar and every elementwise op in the leaf's dtype, in this order.
function tf1Kernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: ScaleByAdamState,
): LeafKernel<AdamInput, AdamOutput> {
  return ({ g, m, v }, { mu, nu, step }, r) => {
    const oneMinusBeta1 = r(1 - r(options.beta1))
    const oneMinusBeta2 = r(1 - r(options.beta2))
    const epsilon = r(options.epsilon)
    const alpha = r(r(r(lr) * r(Math.sqrt(r(1 - state.beta2Power)))) / r(1 - state.beta1Power))
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(m[i]! + r(r(gi - m[i]!) * oneMinusBeta1))
      const vi = r(v[i]! + r(r(r(gi * gi) - v[i]!) * oneMinusBeta2))
      mu[i] = mi
      nu[i] = vi
      step[i] = sign * r(r(mi * alpha) / r(r(Math.sqrt(vi)) + epsilon))
    }
  }
}

// optax's scale_by_adam followed by the learning rate: moments as (1−β)·g + β·m, then bias-corrected.
function paperKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: ScaleByAdamState,
): LeafKernel<AdamInput, AdamOutput> {
  return ({ g, m, v }, { mu, nu, step }, r) => {
    const [beta1, beta2, epsilon] = [r(options.beta1), r(options.beta2), r(options.epsilon)]
    const [oneMinusBeta1, oneMinusBeta2] = [r(1 - beta1), r(1 - beta2)]
    const [correction1, correction2] = [r(1 - state.beta1Power), r(1 - state.beta2Power)]
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(r(oneMinusBeta1 * gi) + r(beta1 * m[i]!))
      const vi = r(r(oneMinusBeta2 * r(gi * gi)) + r(beta2 * v[i]!))
      mu[i] = mi
      nu[i] = vi
      const mHat = r(mi / correction1)
      const vHat = r(vi / correction2)
      step[i] = sign * r(r(lr) * r(mHat / r(r(Math.sqrt(vHat)) + epsilon)))
    }
  }
}
