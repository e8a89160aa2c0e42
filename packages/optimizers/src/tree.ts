import { StructureError, rootedPath } from '@gradstream/core'
import { fill, formatShape, mapTree, shapesEqual, walkTrees } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { keysOf, recordOf, runLeafKernel } from './leafKernel'
import type { LeafKernel } from './leafKernel'
import { matchingLeaves, rebuildLike } from './matchingLeaves'

/** A tree and its name in error messages, e.g. `['state.mu', state.mu]`. */
export type NamedTree<T extends Params = Params> = readonly [name: string, tree: T]

/** A tree of `tree`'s structure with every leaf filled with `value` (same shape and dtype). */
export function fillLike(tree: Params, value: number): Params {
  return mapTree((leaf) => fill(leaf.shape, value, leaf.dtype), tree)
}

/**
 * Walks named trees that must match in structure, leaf shapes and leaf
 * dtypes: `visit` gets the leaves at each position, after they are checked,
 * and the result has the first tree's structure. A mismatch throws a
 * StructureError starting with `fn` and naming the path in each tree
 * (`adam: updates.w has shape [3] but state.mu.w has shape [2]`).
 */
export function mapMatching<T extends Params>(
  fn: string,
  first: NamedTree<T>,
  others: readonly NamedTree[],
  visit: (leaves: readonly Tensor[], path: string) => Tensor,
): T {
  const names = [first[0], ...others.map(([name]) => name)]
  const trees = [first[1], ...others.map(([, tree]) => tree)]
  const mapped = walkTrees(fn, names, trees, (leaves, path) => {
    const leaf = leaves[0]!
    for (let i = 1; i < leaves.length; i++) checkLeafMatches(fn, path, [names[0]!, leaf], [names[i]!, leaves[i]!])
    return visit(leaves, path)
  })
  return sameTree(first[1], mapped)
}

/**
 * The leaves at each position of named trees that must match as in {@link mapMatching}, in the first tree's
 * leaf order (`positions[i][k]`: tree k's i-th leaf). They are gathered without building paths; only when the
 * trees differ does mapMatching's checked walk run, to throw the error naming the place.
 */
export function matchedPositions(fn: string, first: NamedTree, others: readonly NamedTree[]): Tensor[][] {
  const positions = matchingLeaves([first[1], ...others.map(([, tree]) => tree)])
  if (positions !== undefined) return positions
  const checked: Tensor[][] = []
  mapMatching(fn, first, others, (leaves) => {
    checked.push(leaves.slice())
    return leaves[0]!
  })
  return checked
}

/** walkTrees rebuilt `tree`'s structure with Tensor leaves: the one cast, from its untyped result to `tree`'s type. */
function sameTree<T extends Params>(_tree: T, mapped: unknown): T {
  return mapped as T
}

function checkLeafMatches(fn: string, path: string, [name, leaf]: Named, [otherName, other]: Named): void {
  if (other === leaf) return
  if (!shapesEqual(other.shape, leaf.shape)) {
    throw new StructureError(
      fn,
      `${rootedPath(name, path)} has shape ${formatShape(leaf.shape)} but ${rootedPath(otherName, path)} has shape ${formatShape(other.shape)}`,
    )
  }
  if (other.dtype !== leaf.dtype) {
    throw new StructureError(
      fn,
      `${rootedPath(name, path)} has dtype ${leaf.dtype} but ${rootedPath(otherName, path)} has dtype ${other.dtype}`,
    )
  }
}

type Named = readonly [name: string, leaf: Tensor]

/**
 * Runs a fused elementwise kernel on the leaves at each position of the named
 * trees (checked to match, see {@link mapMatching}) and returns one tree per
 * output name, each with the structure of the first tree.
 */
export function mapLeafKernel<I extends string, O extends string>(
  fn: string,
  trees: Readonly<Record<I, NamedTree>>,
  outputNames: readonly O[],
  kernel: LeafKernel<I, O>,
): Record<O, Params> {
  const names = keysOf(trees)
  const named = names.map((name) => trees[name])
  const first = named[0]
  if (first === undefined) return recordOf(outputNames, () => [])
  // Outputs are kept by position, in outputNames' order, until their trees are built.
  const outputs = outputNames.map((): Tensor[] => [])
  for (const leaves of matchedPositions(fn, first, named.slice(1))) {
    const results = runLeafKernel(fn, names, leaves, outputNames, kernel)
    for (let k = 0; k < outputs.length; k++) outputs[k]!.push(results[k]!)
  }
  return recordOf(outputNames, (_, k) => rebuildLike(first[1], outputs[k]!))
}
