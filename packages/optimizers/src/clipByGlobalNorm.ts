import { flattenTree, mul, square, sum } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import type { CountState, GradientTransformation } from './transformation'
import { countInit } from './transformation'
import { checkPositive } from '@gradstream/core'
import { mapUpdates } from './mapUpdates'
import { checkCount } from './stateChecks'

/**
 * The L2 norm of all leaves together, `√(Σ g²)` over every element of every
 * leaf (TF's `global_norm`), as a double.
 *
 * @example globalNorm({ a: tensor([3]), b: tensor([4]) }) // 5
 */
export function globalNorm(tree: Params): number {
  return normOf('globalNorm', 'tree', tree)
}

/** globalNorm with errors naming `fn` and the tree as `name`. */
function normOf(fn: string, name: string, tree: Params): number {
  const { leaves } = flattenTree(tree, { caller: fn, name })
  return Math.sqrt(leaves.reduce((total, leaf) => total + sum(square(leaf)).item(), 0))
}

/**
 * Scales all updates by `maxNorm / globalNorm` when their global norm
 * exceeds `maxNorm`, keeping their direction (TF's `clip_by_global_norm`,
 * optax's `clip_by_global_norm`); updates within the norm pass unchanged.
 *
 * @example
 * const grads = { a: tensor([3]), b: tensor([4]) }
 * const clip = clipByGlobalNorm(1)
 * clip.update(grads, clip.init(grads)).updates // { a: [0.6], b: [0.8] }
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<CountState> {
  checkPositive('clipByGlobalNorm', 'maxNorm', maxNorm)
  return {
    init: countInit('clipByGlobalNorm'),
    update(updates, state) {
      checkCount('clipByGlobalNorm', state)
      const norm = normOf('clipByGlobalNorm', 'updates', updates)
      // A NaN norm fails the test and scales, so NaN reaches the updates instead of hiding.
      const clipped = norm <= maxNorm ? updates : mapUpdates('clipByGlobalNorm', updates, (u) => mul(u, maxNorm / norm))
      return { updates: clipped, state: Object.freeze({ count: state.count + 1 }) }
    },
  }
}
