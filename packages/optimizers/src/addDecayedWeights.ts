import { mapTree } from '@gradstream/autodiff'
import { ConfigError, add, mul } from '@gradstream/tensor'
import type { CountState, GradientTransformation } from './transformation'
import { initialCount } from './transformation'
import { checkCount, checkTreesMatch } from './tree'
import { checkLearningRate, rateAt } from './validate'
import type { LearningRate } from './validate'

/**
 * Adds `weightDecay · params` to the updates (decoupled weight decay, as
 * optax's `add_decayed_weights`). A schedule is read at `state.count`.
 * `update` needs the current params as its third argument.
 *
 * @example
 * const opt = chain(scaleByAdam(), addDecayedWeights(1e-4), scaleByLearningRate(0.001))
 * opt.update(grads, opt.init(params), params)
 */
export function addDecayedWeights(weightDecay: LearningRate): GradientTransformation<CountState> {
  checkLearningRate('addDecayedWeights', weightDecay, 'weightDecay')
  return {
    init: initialCount,
    update: (updates, state, params) => {
      checkCount('addDecayedWeights', state)
      if (params === undefined) {
        throw new ConfigError('addDecayedWeights', 'update needs the current params as its third argument')
      }
      checkTreesMatch('addDecayedWeights', ['updates', updates], ['params', params])
      const decay = rateAt('addDecayedWeights', weightDecay, state.count, 'weightDecay')
      const decayed = mapTree((u, p) => add(u, mul(p, decay)), updates, params)
      return { updates: decayed, state: Object.freeze({ count: state.count + 1 }) }
    },
  }
}
