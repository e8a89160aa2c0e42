import { DTypeError, rootedPath } from '@gradstream/core'
import { isFloatDType } from '../dtype'
import type { Tensor } from '../tensor'
import { flattenTree } from './flattenTree'
import type { FlattenTreeOptions } from './flattenTree'
import type { Params } from './PyTree'

/**
 * The leaves of a pytree whose every leaf must be a float tensor: what keeps a
 * moving average or an optimizer's moments from silently rounding to integers.
 *
 * @throws DTypeError naming the path of the first leaf that is not float, and
 * StructureError (from `flattenTree`) for a value that is no pytree.
 * @example floatTreeLeaves({ w: ones([2], 'int32') }, { caller: 'adam.init', name: 'params' })
 * // DTypeError: adam.init: params.w must be a float tensor, got int32
 */
export function floatTreeLeaves(tree: Params, options: FlattenTreeOptions = {}): Tensor[] {
  const fn = options.caller ?? 'floatTreeLeaves'
  const name = options.name ?? 'tree'
  const { leaves, treedef } = flattenTree(tree, { caller: fn, name })
  leaves.forEach((leaf, i) => {
    if (!isFloatDType(leaf.dtype)) {
      throw new DTypeError(fn, `${rootedPath(name, treedef.paths[i]!)} must be a float tensor, got ${leaf.dtype}`)
    }
  })
  return leaves
}
