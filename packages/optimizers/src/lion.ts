import { checkInRange, checkNonNegative, checkOptions } from '@gradstream/core'
import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { decayedWeightsTransformation } from './addDecayedWeights'
import { chain } from './chain'
import type { LeafKernel } from './leafKernel'
import { checkLearningRate } from './learningRate'
import type { LearningRate } from './learningRate'
import type { Mask } from './masked'
import { MASK, checkPerLeaf } from './perLeaf'
import { learningRateTransformation } from './scale'
import { checkCount } from './stateChecks'
import { identity } from './transformation'
import type { CountState, GradientTransformation } from './transformation'
import { fillLike, mapLeafKernel } from './tree'

/** Options of {@link lion}, with optax's defaults. */
export interface LionOptions {
  /** Weight of the momentum in the update's sign, in [0, 1). Default 0.9. */
  readonly beta1?: number
  /** Decay of the momentum, in [0, 1). Default 0.99. */
  readonly beta2?: number
  /** Decoupled weight decay, >= 0. Default 1e-3 (optax's). */
  readonly weightDecay?: number
  /** Which params decay; see {@link Mask}. Default: all. */
  readonly mask?: Mask
}

/** The state of Lion's sign transformation: the momentum. */
export interface ScaleByLionState {
  readonly count: number
  /** The momentum, one leaf per parameter. */
  readonly mu: Params
}

/** The state of {@link lion}: the momentum, then the weight decay's and the learning rate's counts. */
export type LionState = readonly [ScaleByLionState, CountState, CountState]

/**
 * Lion (Chen et al., "Symbolic Discovery of Optimization Algorithms"), as
 * optax's `lion`: `chain(scale_by_lion, add_decayed_weights, scale_by_learning_rate)`
 * in float32, operation for operation,
 *
 * ```
 * u = sign((1 − β₁)·g + β₁·m)     m = (1 − β₂)·g + β₂·m     update = −lr·(u + wd·params)
 * ```
 *
 * with `sign(0) = 0`. TF1 has no Lion. The decay is optax's, added before the
 * learning rate (PyTorch ports multiply the params by `1 − lr·wd` instead,
 * which rounds differently). `update` needs the params as its third argument
 * unless `weightDecay` is 0. Lion's steps are all of size lr, so it wants a
 * learning rate 3–10 times smaller than Adam's.
 *
 * @example
 * const params = { w: tensor([1, 1]) }
 * const opt = lion(0.1, { weightDecay: 0 })
 * const { updates } = opt.update({ w: tensor([3, -0.01]) }, opt.init(params), params)
 * applyUpdates(params, updates).w.toArray() // ≈ [0.9, 1.1]: a step of lr against each gradient's sign
 */
export function lion(learningRate: LearningRate, options: LionOptions = {}): GradientTransformation<LionState> {
  checkLearningRate('lion', learningRate)
  checkOptions('lion', options, ['beta1', 'beta2', 'weightDecay', 'mask'])
  const { beta1 = 0.9, beta2 = 0.99, weightDecay = 1e-3, mask } = options
  checkInRange('lion', 'beta1', beta1, 0, 1, { highOpen: true })
  checkInRange('lion', 'beta2', beta2, 0, 1, { highOpen: true })
  checkNonNegative('lion', 'weightDecay', weightDecay)
  if (mask !== undefined) checkPerLeaf('lion', MASK, mask)
  return chain(
    lionSign(beta1, beta2),
    // Without decay the params are not needed: identity keeps the chain's shape.
    weightDecay === 0 ? identity() : decayedWeightsTransformation('lion', weightDecay, 1, mask),
    learningRateTransformation('lion', learningRate),
  )
}

function lionSign(beta1: number, beta2: number): GradientTransformation<ScaleByLionState> {
  return {
    init(params) {
      floatTreeLeaves(params, { caller: 'lion', name: 'params' })
      return Object.freeze({ count: 0, mu: fillLike(params, 0) })
    },
    update(grads, state) {
      checkCount('lion', state)
      const trees = { g: ['updates', grads], m: ['state.mu', state.mu] } as const
      const { mu, sign } = mapLeafKernel('lion', trees, ['mu', 'sign'], lionKernel(beta1, beta2))
      return { updates: sign, state: Object.freeze({ count: state.count + 1, mu }) }
    },
  }
}

// optax scale_by_lion: sign((1 − b1)·g + b1·m), then m = (1 − b2)·g + b2·m; Math.sign keeps sign(0) = 0 and NaN.
function lionKernel(b1: number, b2: number): LeafKernel<'g' | 'm', 'mu' | 'sign'> {
  return ({ g, m }, { mu, sign }, r) => {
    const [beta1, beta2] = [r(b1), r(b2)]
    const [oneMinusBeta1, oneMinusBeta2] = [r(1 - beta1), r(1 - beta2)]
    for (let i = 0; i < g.length; i++) {
      sign[i] = Math.sign(r(r(oneMinusBeta1 * g[i]!) + r(beta1 * m[i]!)))
      mu[i] = r(r(oneMinusBeta2 * g[i]!) + r(beta2 * m[i]!))
    }
  }
}
