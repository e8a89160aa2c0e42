import { ConfigError, add, mul } from '@gradstream/tensor'
import type { CountState, GradientTransformation } from './transformation'
import { countInit } from './transformation'
import type { Sign } from './transformation'
import { mapMatching } from './tree'
import { checkLearningRate, rateAt } from './learningRate'
import type { LearningRate } from './learningRate'
import { checkCount } from './stateChecks'
import type { Mask } from './masked'
import { MASK, checkPerLeaf, flatTree, valuesPerLeaf } from './perLeaf'
import type { Params } from '@gradstream/tensor'

/**
 * Adds `weightDecay · params` to the updates (decoupled weight decay, as
 * optax's `add_decayed_weights`). A schedule is read at `state.count`.
 * `update` needs the current params as its third argument. With a `mask`
 * (see {@link Mask}), only the params it selects decay; the other updates
 * pass through unchanged, as with optax's `mask` argument.
 *
 * @example
 * const params = { w: tensor([2]) }
 * const decay = addDecayedWeights(0.5)
 * const { updates } = decay.update({ w: tensor([1]) }, decay.init(params), params) // w: 1 + 0.5 · 2
 * applyUpdates(params, updates).w.toArray() // [4]
 */
export function addDecayedWeights(weightDecay: LearningRate, mask?: Mask): GradientTransformation<CountState> {
  checkLearningRate('addDecayedWeights', weightDecay, 'weightDecay')
  if (mask !== undefined) checkPerLeaf('addDecayedWeights', MASK, mask)
  return decayedWeightsTransformation('addDecayedWeights', weightDecay, 1, mask)
}

/**
 * addDecayedWeights under the caller's name; `sign` -1 subtracts the decay,
 * for a descent update. With a (checked) `mask`, the leaves it leaves out
 * pass through unchanged.
 */
export function decayedWeightsTransformation(
  fn: string,
  weightDecay: LearningRate,
  sign: Sign,
  mask?: Mask,
): GradientTransformation<CountState> {
  return {
    init: countInit(fn),
    update(updates, state, params) {
      checkCount(fn, state)
      if (params === undefined) throw new ConfigError(fn, 'update needs the current params as its third argument')
      const decay = sign * rateAt(fn, weightDecay, state.count, 'weightDecay')
      const decays = mask === undefined ? undefined : decayedPaths(fn, mask, params)
      const decayed = mapMatching(fn, ['updates', updates], [['params', params]], ([u, p], path) =>
        decays === undefined || decays.has(path) ? add(u!, mul(p!, decay)) : u!,
      )
      return { updates: decayed, state: Object.freeze({ count: state.count + 1 }) }
    },
  }
}

/** The paths of the params that `mask` selects for decay. */
function decayedPaths(fn: string, mask: Mask, params: Params): Set<string> {
  const tree = flatTree(fn, 'params', params)
  const selected = valuesPerLeaf(fn, MASK, mask, tree, 'params')
  return new Set(tree.paths.filter((_, i) => selected[i]))
}
