import { flattenTree, unflattenTree } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { matchingLeaves, rebuildLike } from './matchingLeaves'

/**
 * `visit` applied to every leaf of `updates`, keeping the structure; a value
 * that is not a pytree is a StructureError naming `fn` and the path under
 * `updates`, where `mapTree` would name itself.
 *
 * @example mapUpdates('scale', { w: tensor([1]) }, (u) => mul(u, 2)) // { w: [2] }
 */
export function mapUpdates(fn: string, updates: Params, visit: (leaf: Tensor) => Tensor): Params {
  // The walk without paths first; flattenTree, which names the bad node, only when it refuses the tree.
  const positions = matchingLeaves([updates])
  if (positions !== undefined)
    return rebuildLike(
      updates,
      positions.map(([leaf]) => visit(leaf!)),
    )
  const { leaves, treedef } = flattenTree(updates, { caller: fn, name: 'updates' })
  return unflattenTree(treedef, leaves.map(visit))
}
