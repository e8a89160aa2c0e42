import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { resolveAdamOptions } from './adamOptions'
import type { AdamOptions, ResolvedAdamOptions } from './adamOptions'
import { adamKernel, amsgradKernel } from './adamKernels'
import { StructureError } from '@gradstream/core'
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
  /** With `amsgrad`: the largest second moment seen so far, one leaf per parameter (absent otherwise). */
  readonly nuMax?: Params
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
 * `amsgrad: true` divides by the largest second moment so far (see {@link adam}).
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
    init(params) {
      floatTreeLeaves(params, { caller: fn, name: 'params' })
      return Object.freeze({
        count: 0,
        mu: fillLike(params, 0),
        nu: fillLike(params, 0),
        beta1Power: f(options.beta1),
        beta2Power: f(options.beta2),
        ...(options.amsgrad ? { nuMax: fillLike(params, 0) } : {}),
      })
    },
    update(grads, state) {
      checkAdamState(fn, state)
      const rate = rateAt(fn, learningRate, state.count)
      const count = state.count + 1
      const beta1Power = f(state.beta1Power * f(options.beta1))
      const beta2Power = f(state.beta2Power * f(options.beta2))
      const trees = { g: ['updates', grads], m: ['state.mu', state.mu], v: ['state.nu', state.nu] } as const
      if (options.amsgrad) {
        const withMax = { ...trees, vMax: ['state.nuMax', nuMaxOf(fn, state)] } as const
        const out = mapLeafKernel(fn, withMax, ['mu', 'nu', 'nuMax', 'step'], amsgradKernel(options, rate, sign, state))
        const next = { count, mu: out.mu, nu: out.nu, beta1Power, beta2Power, nuMax: out.nuMax }
        return { updates: out.step, state: Object.freeze(next) }
      }
      const { mu, nu, step } = mapLeafKernel(fn, trees, ['mu', 'nu', 'step'], adamKernel(options, rate, sign, state))
      return { updates: step, state: Object.freeze({ count, mu, nu, beta1Power, beta2Power }) }
    },
  }
}

function checkAdamState(fn: string, state: ScaleByAdamState): void {
  checkCount(fn, state)
  checkPower(fn, state, 'beta1Power')
  checkPower(fn, state, 'beta2Power')
}

function nuMaxOf(fn: string, state: ScaleByAdamState): Params {
  if (state.nuMax === undefined) {
    throw new StructureError(fn, 'state.nuMax is missing but this Adam uses amsgrad; pass the state init returned')
  }
  return state.nuMax
}
