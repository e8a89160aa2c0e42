import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import type { LeafKernel } from './leafKernel'
import type { GradientTransformation } from './transformation'
import { checkOptions, checkPositive } from '@gradstream/core'
import { rateAt, resolveOptionalRate } from './learningRate'
import type { LearningRate } from './learningRate'
import { checkCount } from './stateChecks'
import type { Sign } from './transformation'
import { fillLike, mapLeafKernel } from './tree'

/** Options of {@link scaleByRss}, with TF1's Adagrad default. */
export interface ScaleByRssOptions {
  /** Starting value of the sum of squared gradients, > 0. Default 0.1 (TF1's Adagrad). */
  readonly initialAccumulatorValue?: number
  /** Step size folded into the update (default 1), where TF1's kernel multiplies it. */
  readonly learningRate?: LearningRate
}

/** The state of {@link scaleByRss}: the Adagrad accumulator plus the update count. */
export interface ScaleByRssState {
  readonly count: number
  /** Running sum of squared gradients, one leaf per parameter. */
  readonly sumOfSquares: Params
}

/**
 * Adagrad's step as TF1's `ApplyAdagrad` kernel computes it in float32:
 * `accum += g²`, output `g·lr·(1/√accum)` (positive: pair it with a negative scale).
 *
 * @example
 * const grads = { w: tensor([2]) }
 * const opt = chain(scaleByRss({ learningRate: 0.1 }), scale(-1)) // adagrad(0.1)'s updates
 * opt.update(grads, opt.init(grads)).updates // { w: [≈ -0.0988] }: −2·0.1/√(0.1 + 4)
 */
export function scaleByRss(options: ScaleByRssOptions = {}): GradientTransformation<ScaleByRssState> {
  checkOptions('scaleByRss', options, ['initialAccumulatorValue', 'learningRate'])
  return rssTransformation('scaleByRss', options, resolveOptionalRate('scaleByRss', options.learningRate), 1)
}

/** scaleByRss validated and reported under the caller's name (option keys checked by the caller); `sign` flips the output. */
export function rssTransformation(
  fn: string,
  options: ScaleByRssOptions,
  learningRate: LearningRate,
  sign: Sign,
): GradientTransformation<ScaleByRssState> {
  const { initialAccumulatorValue = 0.1 } = options
  checkPositive(fn, 'initialAccumulatorValue', initialAccumulatorValue)
  return {
    init(params) {
      floatTreeLeaves(params, { caller: fn, name: 'params' })
      return Object.freeze({ count: 0, sumOfSquares: fillLike(params, initialAccumulatorValue) })
    },
    update(grads, state) {
      checkCount(fn, state)
      const rate = rateAt(fn, learningRate, state.count)
      const trees = { g: ['updates', grads], accum: ['state.sumOfSquares', state.sumOfSquares] } as const
      const { accum, step } = mapLeafKernel(fn, trees, ['accum', 'step'], adagradKernel(rate, sign))
      return { updates: step, state: Object.freeze({ count: state.count + 1, sumOfSquares: accum }) }
    },
  }
}

// TF1 ApplyAdagrad: accum += grad.square(); var -= grad * lr * accum.rsqrt(), rsqrt as 1 / sqrt.
function adagradKernel(lr: number, sign: Sign): LeafKernel<'g' | 'accum', 'accum' | 'step'> {
  return (input, out, r) => {
    const rate = r(lr)
    for (let i = 0; i < input.g.length; i++) {
      const gi = input.g[i]!
      const accum = r(input.accum[i]! + r(gi * gi))
      out.accum[i] = accum
      out.step[i] = sign * r(r(gi * rate) * r(1 / r(Math.sqrt(accum))))
    }
  }
}
