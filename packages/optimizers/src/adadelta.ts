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

/** Options of {@link adadelta}, with TF1's defaults. */
export interface AdadeltaOptions {
  /** Decay of both running averages, in [0, 1). Default 0.95. */
  readonly rho?: number
  /** Added inside both square roots, >= 0. Default 1e-8 (TF1; Keras uses 1e-7). */
  readonly epsilon?: number
}

/** The state of {@link adadelta}'s one transformation: TF1's two slots. */
export interface ScaleByAdadeltaState {
  readonly count: number
  /** Running average of squared gradients (TF1's `accum`). */
  readonly accumulator: Params
  /** Running average of squared updates (TF1's `accum_update`). */
  readonly deltaAccumulator: Params
}

/** The state of {@link adadelta}: a chain of one. */
export type AdadeltaState = readonly [ScaleByAdadeltaState]

/**
 * Adadelta (Zeiler), as TF1's `tf.train.AdadeltaOptimizer(learningRate,
 * rho = 0.95, epsilon = 1e-8)`: TF1's `ApplyAdadelta` kernel in float32,
 * operation for operation,
 *
 * ```
 * accum = accum·ρ + g²·(1 − ρ)
 * update = √(accum_update + ε) · rsqrt(accum + ε) · g      var −= update·lr
 * accum_update = accum_update·ρ + update²·(1 − ρ)
 * ```
 *
 * `rsqrt` is computed as `1/√x` rounded, as for Adagrad; TF's vectorised
 * Eigen kernel may compute it differently in the last bit (not checked
 * against a TF1 run). Both slots start at zero. TF1 and Keras apply the
 * learning rate to the update (default 0.001 there); the paper's Adadelta
 * is `learningRate` 1.
 *
 * @example
 * const params = { w: tensor([1]) }
 * const opt = adadelta(1)
 * const { updates } = opt.update({ w: tensor([1]) }, opt.init(params))
 * applyUpdates(params, updates).w.toArray() // ≈ [0.99955]: √1e-8/√0.05 ≈ 4.5e-4
 */
export function adadelta(
  learningRate: LearningRate,
  options: AdadeltaOptions = {},
): GradientTransformation<AdadeltaState> {
  checkLearningRate('adadelta', learningRate)
  checkOptions('adadelta', options, ['rho', 'epsilon'])
  const { rho = 0.95, epsilon = 1e-8 } = options
  checkInRange('adadelta', 'rho', rho, 0, 1, { highOpen: true })
  checkNonNegative('adadelta', 'epsilon', epsilon)
  return chain({
    init(params) {
      floatTreeLeaves(params, { caller: 'adadelta', name: 'params' })
      return Object.freeze({ count: 0, accumulator: fillLike(params, 0), deltaAccumulator: fillLike(params, 0) })
    },
    update(grads, state: ScaleByAdadeltaState) {
      checkCount('adadelta', state)
      const rate = rateAt('adadelta', learningRate, state.count)
      const trees = {
        g: ['updates', grads],
        a: ['state.accumulator', state.accumulator],
        d: ['state.deltaAccumulator', state.deltaAccumulator],
      } as const
      const out = mapLeafKernel('adadelta', trees, ['a', 'd', 'step'], adadeltaKernel(rho, epsilon, rate))
      const next = { count: state.count + 1, accumulator: out.a, deltaAccumulator: out.d }
      return { updates: out.step, state: Object.freeze(next) }
    },
  })
}

// TF1 ApplyAdadelta, op for op in the leaf's dtype; rsqrt as 1 / sqrt.
function adadeltaKernel(rho: number, epsilon: number, lr: number): LeafKernel<'g' | 'a' | 'd', 'a' | 'd' | 'step'> {
  return (input, out, r) => {
    const [decay, eps, rate] = [r(rho), r(epsilon), r(lr)]
    const oneMinusRho = r(1 - decay)
    for (let i = 0; i < input.g.length; i++) {
      const gi = input.g[i]!
      const accum = r(r(input.a[i]! * decay) + r(r(gi * gi) * oneMinusRho))
      const update = r(r(r(Math.sqrt(r(input.d[i]! + eps))) * r(1 / r(Math.sqrt(r(accum + eps))))) * gi)
      out.a[i] = accum
      out.d[i] = r(r(input.d[i]! * decay) + r(r(update * update) * oneMinusRho))
      out.step[i] = -r(update * rate)
    }
  }
}
