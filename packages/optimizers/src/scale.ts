import { mul } from '@gradstream/tensor'
import type { CountState, GradientTransformation } from './transformation'
import { countInit } from './transformation'
import { checkFinite } from '@gradstream/core'
import { checkLearningRate, rateAt } from './learningRate'
import type { LearningRate } from './learningRate'
import { mapUpdates } from './mapUpdates'
import { checkCount } from './stateChecks'

/**
 * Multiplies every update by `factor` (rounded to the leaf's dtype first, as
 * a TF scalar constant is).
 *
 * @example
 * const grads = { w: tensor([2, 4]) }
 * const half = scale(0.5)
 * half.update(grads, half.init(grads)).updates // { w: [1, 2] }
 */
export function scale(factor: number): GradientTransformation<CountState> {
  checkFinite('scale', 'factor', factor)
  return {
    init: countInit('scale'),
    update(updates, state) {
      checkCount('scale', state)
      return {
        updates: mapUpdates('scale', updates, (u) => mul(u, factor)),
        state: Object.freeze({ count: state.count + 1 }),
      }
    },
  }
}

/**
 * Turns gradients into a gradient-descent step: each update becomes
 * `-(g * lr)`, so `applyUpdates` computes TF1's `var - grad * lr` with the
 * same float32 rounding. A schedule is read at `state.count`, the number of
 * updates already made: the first update uses `schedule(0)`, as TF1's
 * `minimize(loss, global_step)` reads `global_step` before incrementing it.
 *
 * @example
 * const grads = { x: tensor([10]) }
 * const descend = scaleByLearningRate(0.1)
 * descend.update(grads, descend.init(grads)).updates // { x: [-1] }
 */
export function scaleByLearningRate(learningRate: LearningRate): GradientTransformation<CountState> {
  checkLearningRate('scaleByLearningRate', learningRate)
  return learningRateTransformation('scaleByLearningRate', learningRate)
}

/** scaleByLearningRate with a validated rate, reported under the caller's name (`sgd` without momentum). */
export function learningRateTransformation(fn: string, learningRate: LearningRate): GradientTransformation<CountState> {
  return {
    init: countInit(fn),
    update(updates, state) {
      checkCount(fn, state)
      const rate = rateAt(fn, learningRate, state.count)
      // -(g * lr) and g * (-lr) round identically: negation is exact.
      return {
        updates: mapUpdates(fn, updates, (g) => mul(g, -rate)),
        state: Object.freeze({ count: state.count + 1 }),
      }
    },
  }
}
