import { StructureError, checkInteger, describe, isPlainObject } from '@gradstream/core'
import { floatTreeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import type { LeafKernel } from './leafKernel'
import { checkTransformation } from './transformation'
import type { GradientTransformation } from './transformation'
import { fillLike, mapLeafKernel } from './tree'

/** The state of {@link multiSteps}. */
export interface MultiStepsState<S> {
  /** Gradients accumulated since the last inner update, 0 to k − 1. */
  readonly miniStep: number
  /** The mean of those gradients, one leaf per parameter (zeros after an inner update). */
  readonly accumulated: Params
  /** The inner transformation's state, advanced once every k steps. */
  readonly inner: S
}

/**
 * Gradient accumulation (optax's `MultiSteps`): over every `k` calls, the
 * first `k − 1` return zero updates and only accumulate the gradient, and
 * the `k`-th applies `inner` to the mean of the `k` gradients. The mean is
 * kept as optax keeps it, `acc += (g − acc)/(n + 1)` after `n` gradients,
 * in the leaves' dtype (float32 rounding at each operation). A schedule
 * inside `inner` advances once per inner update, not per call.
 *
 * @example
 * const params = { w: tensor([1]) }
 * const opt = multiSteps(sgd(0.1), 2)
 * const first = opt.update({ w: tensor([1]) }, opt.init(params)) //  { w: [0] }: accumulating
 * const second = opt.update({ w: tensor([3]) }, first.state) //      { w: [≈ -0.2] }: sgd on the mean, 2
 */
export function multiSteps<S>(inner: GradientTransformation<S>, k: number): GradientTransformation<MultiStepsState<S>> {
  checkTransformation('multiSteps', inner, 'inner')
  checkInteger('multiSteps', 'k', k, 1)
  return {
    init(params) {
      floatTreeLeaves(params, { caller: 'multiSteps', name: 'params' })
      return Object.freeze({ miniStep: 0, accumulated: fillLike(params, 0), inner: inner.init(params) })
    },
    update(grads, state, params) {
      checkMultiStepsState(state, k)
      const trees = { g: ['updates', grads], acc: ['state.accumulated', state.accumulated] } as const
      const { mean } = mapLeafKernel('multiSteps', trees, ['mean'], meanKernel(state.miniStep))
      if (state.miniStep < k - 1) {
        const next = { miniStep: state.miniStep + 1, accumulated: mean, inner: state.inner }
        return { updates: fillLike(grads, 0), state: Object.freeze(next) }
      }
      const result = inner.update(mean, state.inner, params)
      const next = { miniStep: 0, accumulated: fillLike(grads, 0), inner: result.state }
      return { updates: result.updates, state: Object.freeze(next) }
    },
  }
}

// optax's MultiSteps: acc + (g − acc) / (n + 1), each operation rounded to the leaf's dtype.
function meanKernel(count: number): LeafKernel<'g' | 'acc', 'mean'> {
  return ({ g, acc }, { mean }, r) => {
    const n = r(count + 1)
    for (let i = 0; i < g.length; i++) mean[i] = r(acc[i]! + r(r(g[i]! - acc[i]!) / n))
  }
}

function checkMultiStepsState(state: unknown, k: number): asserts state is MultiStepsState<unknown> {
  if (!isPlainObject(state) || !Object.hasOwn(state, 'inner') || !Object.hasOwn(state, 'accumulated')) {
    throw new StructureError(
      'multiSteps',
      `state must be the { miniStep, accumulated, inner } record init returned, got ${describe(state)}`,
    )
  }
  const miniStep = state.miniStep
  if (typeof miniStep !== 'number' || !Number.isSafeInteger(miniStep) || miniStep < 0 || miniStep >= k) {
    throw new StructureError(
      'multiSteps',
      `state.miniStep must be an integer in [0, ${k}), got ${describe(miniStep)}; pass the state init returned`,
    )
  }
}
