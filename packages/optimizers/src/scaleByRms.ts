import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import type { LeafKernel } from './leafKernel'
import type { GradientTransformation } from './transformation'
import { checkBoolean, checkInRange, checkNonNegative, checkOptions, StructureError } from '@gradstream/core'
import { rateAt, resolveOptionalRate } from './learningRate'
import type { LearningRate } from './learningRate'
import { checkCount } from './stateChecks'
import type { Sign } from './transformation'
import { fillLike, mapLeafKernel } from './tree'
import type { NamedTree } from './tree'

/** Options of {@link scaleByRms}, with TF1's RMSProp defaults. */
export interface ScaleByRmsOptions {
  /** Discount of the mean square (TF1's `decay`, Keras's `rho`), in [0, 1). Default 0.9. */
  readonly decay?: number
  /** Momentum of the step, in [0, 1). Default 0. */
  readonly momentum?: number
  /** Added to the mean square inside the square root, >= 0. Default 1e-10 (TF1). */
  readonly epsilon?: number
  /** Normalise by the estimated variance (mean square minus squared mean gradient). Default false. */
  readonly centered?: boolean
  /** Step size folded into the update (default 1), where TF1's kernel multiplies it. */
  readonly learningRate?: LearningRate
}

/** The state of {@link scaleByRms}: TF1's RMSProp slots plus the update count. */
export interface ScaleByRmsState {
  readonly count: number
  /** Mean squared gradient; TF1 starts it at ones. */
  readonly ms: Params
  /** Mean gradient, kept only when centered (else null). */
  readonly mg: Params | null
  /** The momentum of the step. */
  readonly mom: Params
}

export const RMS_OPTION_KEYS = ['decay', 'momentum', 'epsilon', 'centered'] as const

/**
 * RMSProp's step as TF1's `ApplyRMSProp` / `ApplyCenteredRMSProp` kernels
 * compute it in float32: `ms += (g² − ms)(1 − decay)`, centered also
 * `mg += (g − mg)(1 − decay)`, then `mom = mom·momentum + g·lr/√(ms [− mg²] + ε)`;
 * the output is `mom` (positive: pair it with a negative scale). As in TF1 the
 * mean square starts at 1, not 0 (Keras and PyTorch start at 0).
 *
 * @example
 * const grads = { w: tensor([2]) }
 * const opt = chain(scaleByRms({ learningRate: 0.01 }), scale(-1)) // rmsprop(0.01)'s updates
 * opt.update(grads, opt.init(grads)).updates // { w: [≈ -0.0175] }: −2·0.01/√1.3
 */
export function scaleByRms(options: ScaleByRmsOptions = {}): GradientTransformation<ScaleByRmsState> {
  checkOptions('scaleByRms', options, [...RMS_OPTION_KEYS, 'learningRate'])
  return rmsTransformation('scaleByRms', options, resolveOptionalRate('scaleByRms', options.learningRate), 1)
}

/** scaleByRms validated and reported under the caller's name (option keys checked by the caller); `sign` flips the output. */
export function rmsTransformation(
  fn: string,
  options: ScaleByRmsOptions,
  learningRate: LearningRate,
  sign: Sign,
): GradientTransformation<ScaleByRmsState> {
  const { decay = 0.9, momentum = 0, epsilon = 1e-10, centered = false } = options
  checkInRange(fn, 'decay', decay, 0, 1, { highOpen: true })
  checkInRange(fn, 'momentum', momentum, 0, 1, { highOpen: true })
  checkNonNegative(fn, 'epsilon', epsilon)
  checkBoolean(fn, 'centered', centered)
  const hyper = { decay, momentum, epsilon, centered }
  return {
    init(params) {
      floatTreeLeaves(params, { caller: fn, name: 'params' })
      return Object.freeze({
        count: 0,
        ms: fillLike(params, 1),
        mg: centered ? fillLike(params, 0) : null,
        mom: fillLike(params, 0),
      })
    },
    update(grads, state) {
      checkCount(fn, state)
      const rate = rateAt(fn, learningRate, state.count)
      const trees: Record<'g' | 'ms' | 'mg' | 'mom', NamedTree> = {
        g: ['updates', grads],
        ms: ['state.ms', state.ms],
        mom: ['state.mom', state.mom],
        // Uncentered, the kernel ignores mg: reading ms there keeps one kernel for both forms.
        mg: centered ? meanGradient(fn, state) : ['state.ms', state.ms],
      }
      const out = mapLeafKernel(fn, trees, ['ms', 'mg', 'mom', 'step'], rmsKernel(hyper, rate, sign))
      const next = { count: state.count + 1, ms: out.ms, mg: centered ? out.mg : null, mom: out.mom }
      return { updates: out.step, state: Object.freeze(next) }
    },
  }
}

function meanGradient(fn: string, state: ScaleByRmsState): NamedTree {
  if (state.mg === null) {
    throw new StructureError(fn, 'state.mg is null but this RMSProp is centered; pass the state init returned')
  }
  return ['state.mg', state.mg]
}

interface RmsHyper {
  readonly decay: number
  readonly momentum: number
  readonly epsilon: number
  readonly centered: boolean
}

// TF1 ApplyRMSProp / ApplyCenteredRMSProp, op for op in the leaf's dtype.
function rmsKernel(
  hyper: RmsHyper,
  lr: number,
  sign: Sign,
): LeafKernel<'g' | 'ms' | 'mg' | 'mom', 'ms' | 'mg' | 'mom' | 'step'> {
  return (input, out, r) => {
    const oneMinusDecay = r(1 - r(hyper.decay))
    const [momentum, epsilon, rate] = [r(hyper.momentum), r(hyper.epsilon), r(lr)]
    const g = input.g
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const ms = r(input.ms[i]! + r(r(r(gi * gi) - input.ms[i]!) * oneMinusDecay))
      const mg = hyper.centered ? r(input.mg[i]! + r(r(gi - input.mg[i]!) * oneMinusDecay)) : 0
      const denominator = hyper.centered ? r(r(ms - r(mg * mg)) + epsilon) : r(ms + epsilon)
      out.ms[i] = ms
      out.mg[i] = mg
      const mom = r(r(input.mom[i]! * momentum) + r(r(gi * rate) / r(Math.sqrt(denominator))))
      out.mom[i] = mom
      out.step[i] = sign * mom
    }
  }
}
