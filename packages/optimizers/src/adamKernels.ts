import type { ResolvedAdamOptions } from './adamOptions'
import type { LeafKernel } from './leafKernel'
import type { Sign } from './transformation'

/** What an Adam kernel reads of the state besides its trees: the beta powers β₁ᵗ and β₂ᵗ of this update. */
export interface BetaPowers {
  readonly beta1Power: number
  readonly beta2Power: number
}

export type AdamInput = 'g' | 'm' | 'v'
export type AdamOutput = 'mu' | 'nu' | 'step'
/** AMSGrad also reads and writes the running maximum of the second moment. */
export type AmsgradInput = AdamInput | 'vMax'
export type AmsgradOutput = AdamOutput | 'nuMax'

/** The kernel of `options` without AMSGrad: TF1's or the paper's form, with or without Nesterov momentum. */
export function adamKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  powers: BetaPowers,
): LeafKernel<AdamInput, AdamOutput> {
  if (options.nesterov)
    return (options.form === 'tf1' ? tf1NesterovKernel : paperNesterovKernel)(options, lr, sign, powers)
  return (options.form === 'tf1' ? tf1Kernel : paperKernel)(options, lr, sign, powers)
}

/** The AMSGrad kernel of `options`: TF1's `ApplyAdamWithAmsgrad` or PyTorch's maximum in the paper's form. */
export function amsgradKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  powers: BetaPowers,
): LeafKernel<AmsgradInput, AmsgradOutput> {
  return (options.form === 'tf1' ? tf1AmsgradKernel : paperAmsgradKernel)(options, lr, sign, powers)
}

/**
 * The scalars of TF1's ApplyAdam kernels, once per leaf, rounded to its dtype by `r`: the betas' complements, ε,
 * and the step size with the bias correction folded in, `alpha = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`.
 */
function tf1Scalars(options: ResolvedAdamOptions, lr: number, powers: BetaPowers, r: (x: number) => number) {
  const beta1 = r(options.beta1)
  return {
    beta1,
    oneMinusBeta1: r(1 - beta1),
    oneMinusBeta2: r(1 - r(options.beta2)),
    epsilon: r(options.epsilon),
    alpha: r(r(r(lr) * r(Math.sqrt(r(1 - powers.beta2Power)))) / r(1 - powers.beta1Power)),
  }
}

// TF1 ApplyAdamNonCuda: every scalar and every elementwise op in the leaf's dtype, in this order.
function tf1Kernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: BetaPowers,
): LeafKernel<AdamInput, AdamOutput> {
  return ({ g, m, v }, { mu, nu, step }, r) => {
    const { oneMinusBeta1, oneMinusBeta2, epsilon, alpha } = tf1Scalars(options, lr, state, r)
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

// TF1 ApplyAdamNonCuda with use_nesterov (tf.contrib.opt.NadamOptimizer): the step uses g·(1−β₁) + β₁·m.
function tf1NesterovKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: BetaPowers,
): LeafKernel<AdamInput, AdamOutput> {
  return ({ g, m, v }, { mu, nu, step }, r) => {
    const { beta1, oneMinusBeta1, oneMinusBeta2, epsilon, alpha } = tf1Scalars(options, lr, state, r)
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(m[i]! + r(r(gi - m[i]!) * oneMinusBeta1))
      const vi = r(v[i]! + r(r(r(gi * gi) - v[i]!) * oneMinusBeta2))
      mu[i] = mi
      nu[i] = vi
      const lookahead = r(r(gi * oneMinusBeta1) + r(beta1 * mi))
      step[i] = sign * r(r(lookahead * alpha) / r(r(Math.sqrt(vi)) + epsilon))
    }
  }
}

// TF1 ApplyAdamWithAmsgrad: ApplyAdam's moments, v̂ = max(v̂, v), and √v̂ in the denominator.
// Math.max makes a NaN second moment NaN in v̂ too, so a NaN gradient shows in the update.
function tf1AmsgradKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: BetaPowers,
): LeafKernel<AmsgradInput, AmsgradOutput> {
  return ({ g, m, v, vMax }, { mu, nu, nuMax, step }, r) => {
    const { oneMinusBeta1, oneMinusBeta2, epsilon, alpha } = tf1Scalars(options, lr, state, r)
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(m[i]! + r(r(gi - m[i]!) * oneMinusBeta1))
      const vi = r(v[i]! + r(r(r(gi * gi) - v[i]!) * oneMinusBeta2))
      const vMaxI = Math.max(vMax[i]!, vi)
      mu[i] = mi
      nu[i] = vi
      nuMax[i] = vMaxI
      step[i] = sign * r(r(mi * alpha) / r(r(Math.sqrt(vMaxI)) + epsilon))
    }
  }
}

// optax's scale_by_adam followed by the learning rate: moments as (1−β)·g + β·m, then bias-corrected.
function paperKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: BetaPowers,
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

// optax's nadam (scale_by_adam with nesterov=True): m̂ = β₁·m/(1−β₁ᵗ⁺¹) + (1−β₁)·g/(1−β₁ᵗ).
function paperNesterovKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: BetaPowers,
): LeafKernel<AdamInput, AdamOutput> {
  return ({ g, m, v }, { mu, nu, step }, r) => {
    const [beta1, beta2, epsilon] = [r(options.beta1), r(options.beta2), r(options.epsilon)]
    const [oneMinusBeta1, oneMinusBeta2] = [r(1 - beta1), r(1 - beta2)]
    const [correction1, correction2] = [r(1 - state.beta1Power), r(1 - state.beta2Power)]
    const nextCorrection1 = r(1 - r(state.beta1Power * beta1))
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(r(oneMinusBeta1 * gi) + r(beta1 * m[i]!))
      const vi = r(r(oneMinusBeta2 * r(gi * gi)) + r(beta2 * v[i]!))
      mu[i] = mi
      nu[i] = vi
      const mHat = r(r(beta1 * r(mi / nextCorrection1)) + r(oneMinusBeta1 * r(gi / correction1)))
      const vHat = r(vi / correction2)
      step[i] = sign * r(r(lr) * r(mHat / r(r(Math.sqrt(vHat)) + epsilon)))
    }
  }
}

// The paper form with PyTorch's AMSGrad: the maximum of the raw second moment, bias-corrected afterwards.
function paperAmsgradKernel(
  options: ResolvedAdamOptions,
  lr: number,
  sign: Sign,
  state: BetaPowers,
): LeafKernel<AmsgradInput, AmsgradOutput> {
  return ({ g, m, v, vMax }, { mu, nu, nuMax, step }, r) => {
    const [beta1, beta2, epsilon] = [r(options.beta1), r(options.beta2), r(options.epsilon)]
    const [oneMinusBeta1, oneMinusBeta2] = [r(1 - beta1), r(1 - beta2)]
    const [correction1, correction2] = [r(1 - state.beta1Power), r(1 - state.beta2Power)]
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = r(r(oneMinusBeta1 * gi) + r(beta1 * m[i]!))
      const vi = r(r(oneMinusBeta2 * r(gi * gi)) + r(beta2 * v[i]!))
      const vMaxI = Math.max(vMax[i]!, vi)
      mu[i] = mi
      nu[i] = vi
      nuMax[i] = vMaxI
      const mHat = r(mi / correction1)
      const vHat = r(vMaxI / correction2)
      step[i] = sign * r(r(lr) * r(mHat / r(r(Math.sqrt(vHat)) + epsilon)))
    }
  }
}
