import { ConfigError, add, mul } from '@gradstream/tensor'
import type { CountState, GradientTransformation } from './transformation'
import { countInit } from './transformation'
import type { Sign } from './transformation'
import { mapMatching } from './tree'
import { checkLearningRate, rateAt } from './learningRate'
import type { LearningRate } from './learningRate'
import { checkCount } from './stateChecks'

/**
 * Adds `weightDecay · params` to the updates (decoupled weight decay, as
 * optax's `add_decayed_weights`). A schedule is read at `state.count`.
 * `update` needs the current params as its third argument.
 *
 * @example
 * const params = { w: tensor([2]) }
 * const decay = addDecayedWeights(0.5)
 * const { updates } = decay.update({ w: tensor([1]) }, decay.init(params), params) // w: 1 + 0.5 · 2
 * applyUpdates(params, updates).w.toArray() // [4]
 */
export function addDecayedWeights(weightDecay: LearningRate): GradientTransformation<CountState> {
  checkLearningRate('addDecayedWeights', weightDecay, 'weightDecay')
  return decayedWeightsTransformation('addDecayedWeights', weightDecay, 1)
}

/** addDecayedWeights under the caller's name; `sign` -1 subtracts the decay, for a descent update. */
export function decayedWeightsTransformation(
  fn: string,
  weightDecay: LearningRate,
  sign: Sign,
): GradientTransformation<CountState> {
  return {
    init: countInit(fn),
    update: (updates, state, params) => {
      checkCount(fn, state)
      if (params === undefined) throw new ConfigError(fn, 'update needs the current params as its third argument')
      const decay = sign * rateAt(fn, weightDecay, state.count, 'weightDecay')
      const decayed = mapMatching(fn, ['updates', updates], [['params', params]], ([u, p]) => add(u!, mul(p!, decay)))
      return { updates: decayed, state: Object.freeze({ count: state.count + 1 }) }
    },
  }
}
