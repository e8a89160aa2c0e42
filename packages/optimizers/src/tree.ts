import { StructureError, assertSameStructure, flattenTree, mapTree, unflattenTree } from '@gradstream/autodiff'
import type { Params } from '@gradstream/autodiff'
import { Tensor, fill } from '@gradstream/tensor'
import { keysOf, mapRecord, recordOf, runLeafKernel } from './leafKernel'
import type { LeafKernel } from './leafKernel'

/** A tree and its name in error messages, e.g. `['state.mu', state.mu]`. */
export type NamedTree = readonly [name: string, tree: Params]

/**
 * Throws a StructureError, starting with `fn`, at the first path where a tree
 * differs from `reference` in structure, leaf shape or leaf dtype. Run before
 * any work, so a bad call leaves nothing half-done.
 */
export function checkTreesMatch(fn: string, reference: NamedTree, ...others: readonly NamedTree[]): void {
  for (const [name, tree] of others) {
    assertSameStructure(reference[1], tree, { names: [reference[0], name], shapes: true, dtypes: true, caller: fn })
  }
}

/** Throws unless `state` is a record whose `count` is a non-negative integer. */
export function checkCount(fn: string, state: unknown): void {
  const count = typeof state === 'object' && state !== null && 'count' in state ? state.count : undefined
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new StructureError(
      fn,
      `state.count must be a non-negative integer, got ${String(count)}; pass the state init returned`,
    )
  }
}

/** A tree of `tree`'s structure with every leaf filled with `value` (same shape and dtype). */
export function fillLike(tree: Params, value: number): Params {
  return mapTree((leaf) => fill(leaf.shape, value, leaf.dtype), tree)
}

/**
 * Runs a fused elementwise kernel on the leaves at each position of the named
 * `trees` (checked to match beforehand) and returns one tree per output name,
 * each with the structure of `trees`' first entry.
 */
export function mapLeafKernel<I extends string, O extends string>(
  fn: string,
  trees: Readonly<Record<I, Params>>,
  outputNames: readonly O[],
  kernel: LeafKernel<I, O>,
): Record<O, Params> {
  const names = keysOf(trees)
  const [first, ...others] = names.map((name) => trees[name])
  const outputs = recordOf(outputNames, (): Tensor[] => [])
  if (first === undefined) return mapRecord(outputs, () => [])
  mapTree(
    (leaf, ...rest) => {
      const leaves = [leaf, ...rest.filter((x): x is Tensor => x instanceof Tensor)]
      const results = runLeafKernel(
        fn,
        leaf,
        recordOf(names, (name) => leaves[names.indexOf(name)]!),
        outputNames,
        kernel,
      )
      for (const name of outputNames) outputs[name].push(results[name])
      return leaf
    },
    first,
    ...others,
  )
  const { treedef } = flattenTree(first)
  return mapRecord(outputs, (leaves) => unflattenTree(treedef, leaves))
}
