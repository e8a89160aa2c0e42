import { checkBoolean, checkInRange, checkNonNegative, checkOneOf, checkOptions } from '@gradstream/core'

/**
 * Which Adam update to compute.
 * - `'tf1'`: TF1's `ApplyAdam`: the bias correction folded into the step size,
 *   `alpha = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`, and ε added to `√v` ("epsilon hat").
 * - `'paper'`: the paper's bias-corrected moments, as optax and PyTorch compute
 *   them: `m̂ = m/(1−β₁ᵗ)`, `v̂ = v/(1−β₂ᵗ)`, step `lr·m̂/(√v̂ + ε)`.
 */
export type AdamForm = 'tf1' | 'paper'

/** Options of {@link adam}, {@link adamw} and {@link scaleByAdam}, with TF1's defaults. */
export interface AdamOptions {
  /** Decay of the first moment (mean of gradients), in [0, 1). Default 0.9. */
  readonly beta1?: number
  /** Decay of the second moment (mean of squared gradients), in [0, 1). Default 0.999. */
  readonly beta2?: number
  /** Added to the denominator for stability, >= 0. Default 1e-8. */
  readonly epsilon?: number
  /** `'tf1'` (default) or `'paper'`; see {@link AdamForm}. */
  readonly form?: AdamForm
  /**
   * AMSGrad (Reddi et al.): divide by the largest second moment seen so far
   * instead of the current one, as Keras's and PyTorch's `amsgrad=True`.
   * Default false. Adds `nuMax` to the state.
   */
  readonly amsgrad?: boolean
}

/** AdamOptions validated, with every default filled in. */
export interface ResolvedAdamOptions {
  readonly beta1: number
  readonly beta2: number
  readonly epsilon: number
  readonly form: AdamForm
  readonly amsgrad: boolean
  /** Nesterov momentum in the step (set by `nadam`, not an option). */
  readonly nesterov: boolean
}

const ADAM_FORMS: readonly AdamForm[] = ['tf1', 'paper']

export const ADAM_OPTION_KEYS = ['beta1', 'beta2', 'epsilon', 'form', 'amsgrad'] as const

/** Validates Adam's options under the caller's name and fills in TF1's defaults. */
export function resolveAdamOptions(
  fn: string,
  options: AdamOptions,
  extraKeys: readonly string[] = [],
): ResolvedAdamOptions {
  checkOptions(fn, options, [...ADAM_OPTION_KEYS, ...extraKeys])
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, form = 'tf1', amsgrad = false } = options
  checkInRange(fn, 'beta1', beta1, 0, 1, { highOpen: true })
  checkInRange(fn, 'beta2', beta2, 0, 1, { highOpen: true })
  checkNonNegative(fn, 'epsilon', epsilon)
  checkOneOf(fn, 'form', form, ADAM_FORMS)
  checkBoolean(fn, 'amsgrad', amsgrad)
  return { beta1, beta2, epsilon, form, amsgrad, nesterov: false }
}
