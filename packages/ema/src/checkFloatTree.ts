import { DTypeError, rootedPath } from '@gradstream/core'
import { flattenTree, isFloatDType } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'

/**
 * Throws unless `tree` (called `name` in messages) is a pytree of float32 or
 * float64 tensors: an average of integers or booleans would round every update
 * away and silently equal the latest value.
 */
export function checkFloatTree(fn: string, name: string, tree: Params): void {
  const { leaves, treedef } = flattenTree(tree, { caller: fn, name })
  leaves.forEach((leaf, i) => {
    if (!isFloatDType(leaf.dtype)) {
      throw new DTypeError(fn, `${rootedPath(name, treedef.paths[i]!)} must be a float tensor, got ${leaf.dtype}`)
    }
  })
}
