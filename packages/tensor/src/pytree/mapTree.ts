import type { Tensor } from '../tensor'
import type { MapTree, Params } from './PyTree'
import { walkTrees } from './walkTrees'

/** One Tensor per tree in `O`: the extra leaves `mapTree` passes to its function. */
export type LeavesOf<O extends readonly unknown[]> = { [K in keyof O]: Tensor }

/** What `mapTree` calls per leaf: the leaf, the leaves of the other trees at the same place, then the path. */
export type LeafFn<O extends readonly Params[], R> = (leaf: Tensor, ...rest: [...LeavesOf<O>, string]) => R

/**
 * Applies `fn` to every leaf of `tree`, keeping the structure. With more
 * trees, `fn` also gets their leaves at the same place, and the trees must
 * have the same structure (object keys are matched by name; the result
 * follows `tree`'s key order). The last argument of `fn` is the leaf's path,
 * e.g. `layers[2].b` (`''` for a root leaf).
 *
 * @throws StructureError naming the first path where the trees differ
 * (`mapTree: tree.layers[2].b is a Tensor but others[0].layers[2].b is missing`),
 * or a value that is neither a Tensor nor a plain object or array.
 * @example
 * const params = { w: tensor([1, 2]), b: tensor([3]) }
 * const grads = { w: tensor([0.5, 0.5]), b: tensor([1]) }
 * mapTree((p, g) => sub(p, mul(g, 0.5)), params, grads).w.toArray() // [0.75, 1.75]
 */
export function mapTree<T extends Params, O extends readonly Params[]>(fn: LeafFn<O, Tensor>, tree: T, ...others: O): T
export function mapTree<T extends Params, O extends readonly Params[], R>(
  fn: LeafFn<O, R>,
  tree: T,
  ...others: O
): MapTree<T, R>
export function mapTree(fn: LeafFn<readonly Params[], unknown>, tree: Params, ...others: readonly Params[]): unknown {
  const roots = ['tree', ...others.map((_, i) => `others[${i}]`)]
  return walkTrees('mapTree', roots, [tree, ...others], ([leaf, ...rest], path) => fn(leaf!, ...rest, path))
}
