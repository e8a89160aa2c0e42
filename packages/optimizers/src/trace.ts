import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import type { LeafKernel } from './leafKernel'
import type { GradientTransformation } from './transformation'
import { checkBoolean, checkInRange, checkOptions } from '@gradstream/core'
import { rateAt, resolveOptionalRate } from './learningRate'
import type { LearningRate } from './learningRate'
import { checkCount } from './stateChecks'
import type { Sign } from './transformation'
import { fillLike, mapLeafKernel } from './tree'

/** Options of {@link trace}. */
export interface TraceOptions {
  /** Momentum: how much of the accumulated trace each update keeps, in [0, 1). */
  readonly decay: number
  /** Nesterov momentum: look ahead along the trace. Default false. */
  readonly nesterov?: boolean
  /** Step size folded into the output (default 1), where TF1's `ApplyMomentum` multiplies it. */
  readonly learningRate?: LearningRate
}

/** The state of {@link trace}: the momentum accumulator plus the update count. */
export interface TraceState {
  readonly count: number
  /** The accumulated updates (TF1's `momentum` slot), one leaf per parameter. */
  readonly trace: Params
}

/**
 * Momentum accumulation, as TF1's `ApplyMomentum` kernel in float32:
 * `trace = trace·decay + g`, output `trace·lr`, or with Nesterov
 * `g·lr + trace·decay·lr`. Output is the positive step; pair it with a
 * negative scale (that is what {@link momentum} does).
 *
 * @example
 * const grads = { w: tensor([1]) }
 * const heavyBall = chain(trace({ decay: 0.9, learningRate: 0.1 }), scale(-1)) // momentum(0.1, 0.9)'s updates
 * const first = heavyBall.update(grads, heavyBall.init(grads)) // { w: [-0.1] }
 * heavyBall.update(grads, first.state).updates //                  { w: [≈ -0.19] }: trace 1·0.9 + 1
 */
export function trace(options: TraceOptions): GradientTransformation<TraceState> {
  return traceTransformation('trace', options, 1)
}

/**
 * `trace` validated and reported under the caller's name; `sign` flips the
 * output, `decayName` is what the caller calls the decay (`momentum` in sgd).
 */
export function traceTransformation(
  fn: string,
  options: TraceOptions,
  sign: Sign,
  decayName = 'decay',
): GradientTransformation<TraceState> {
  checkOptions(fn, options, ['decay', 'nesterov', 'learningRate'])
  const { decay, nesterov = false } = options
  checkInRange(fn, decayName, decay, 0, 1, { highOpen: true })
  checkBoolean(fn, 'nesterov', nesterov)
  const learningRate = resolveOptionalRate(fn, options.learningRate)
  return {
    init(params) {
      floatTreeLeaves(params, { caller: fn, name: 'params' })
      return Object.freeze({ count: 0, trace: fillLike(params, 0) })
    },
    update(grads, state) {
      checkCount(fn, state)
      const rate = rateAt(fn, learningRate, state.count)
      const { accum, step } = mapLeafKernel(
        fn,
        { g: ['updates', grads], a: ['state.trace', state.trace] },
        ['accum', 'step'],
        momentumKernel(decay, nesterov, rate, sign),
      )
      return { updates: step, state: Object.freeze({ count: state.count + 1, trace: accum }) }
    },
  }
}

// TF1 ApplyMomentum: accum = accum * momentum + grad; var -= accum * lr (Nesterov: grad * lr + accum * momentum * lr).
function momentumKernel(
  decay: number,
  nesterov: boolean,
  lr: number,
  sign: Sign,
): LeafKernel<'g' | 'a', 'accum' | 'step'> {
  return ({ g, a }, { accum, step }, r) => {
    const [momentum, rate] = [r(decay), r(lr)]
    for (let i = 0; i < g.length; i++) {
      const ai = r(r(a[i]! * momentum) + g[i]!)
      accum[i] = ai
      step[i] = sign * (nesterov ? r(r(g[i]! * rate) + r(r(ai * momentum) * rate)) : r(ai * rate))
    }
  }
}
