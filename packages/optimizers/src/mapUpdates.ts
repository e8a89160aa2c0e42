import { flattenTree, unflattenTree } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'

/**
 * `visit` applied to every leaf of `updates`, keeping the structure; a value
 * that is not a pytree is a StructureError naming `fn` and the path under
 * `updates`, where `mapTree` would name itself.
 *
 * @example mapUpdates('scale', { w: tensor([1]) }, (u) => mul(u, 2)) // { w: [2] }
 */
export function mapUpdates(fn: string, updates: Params, visit: (leaf: Tensor) => Tensor): Params {
  const { leaves, treedef } = flattenTree(updates, { caller: fn, name: 'updates' })
  return unflattenTree(treedef, leaves.map(visit))
}
