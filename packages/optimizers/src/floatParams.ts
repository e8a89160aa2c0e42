import { DTypeError, rootedPath } from '@gradstream/core'
import { flattenTree, isFloatDType } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'

/**
 * The leaves of `tree` (called `name` in messages), after checking that it is
 * a pytree whose every leaf is a float32 or float64 tensor: a StructureError
 * or DTypeError naming `fn` and the path otherwise.
 *
 * @example floatLeaves('adam', 'params', { w: ones([2], 'int32') }) // DTypeError: adam: params.w must be a float tensor, got int32
 */
export function floatLeaves(fn: string, name: string, tree: Params): Tensor[] {
  const { leaves, treedef } = flattenTree(tree, { caller: fn, name })
  leaves.forEach((leaf, i) => {
    if (!isFloatDType(leaf.dtype)) {
      throw new DTypeError(fn, `${rootedPath(name, treedef.paths[i]!)} must be a float tensor, got ${leaf.dtype}`)
    }
  })
  return leaves
}
