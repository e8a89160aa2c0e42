import {
  ConfigError,
  StructureError,
  childPath,
  describe,
  describeNode,
  isPlainObject,
  rootedPath,
} from '@gradstream/core'
import { Tensor, flattenTree } from '@gradstream/tensor'
import type { Params, PyTree, TreeDef, TreeNode } from '@gradstream/tensor'

/**
 * A choice made for every parameter: a tree of values shaped like the params,
 * or a prefix of that shape (a value in place of a subtree stands for all of
 * its leaves, as optax's masks), or a function of each leaf's path
 * (`layers[0].b`, as `treePaths` writes it) and the leaf itself.
 *
 * @example
 * const byTree: PerLeaf<boolean> = { w: true, layers: false } // every leaf under layers: false
 * const byPath: PerLeaf<boolean> = (path, leaf) => leaf.rank > 1 // matrices only
 */
export type PerLeaf<V extends boolean | string> = PyTree<V> | ((path: string, leaf: Tensor) => V)

/** The leaves of a tree with their paths, in `flattenTree`'s order, and its structure. */
export interface FlatTree {
  readonly leaves: readonly Tensor[]
  readonly paths: readonly string[]
  readonly treedef: TreeDef
}

/** `tree` flattened, its errors naming `fn` and `name`. */
export function flatTree(fn: string, name: string, tree: Params): FlatTree {
  const { leaves, treedef } = flattenTree(tree, { caller: fn, name })
  return { leaves, paths: treedef.paths, treedef }
}

/** How a spec's values are checked and named in messages: `mask`, a boolean. */
export interface PerLeafKind<V> {
  readonly name: string
  readonly expected: string
  /** The type of the values: a value of this type that `accepts` refuses is a bad value, not a bad structure. */
  readonly type: 'boolean' | 'string'
  readonly accepts: (value: unknown) => value is V
}

/**
 * The value of `spec` for each leaf of `tree` (named `treeName`), in leaf
 * order. A function returning something else than a value of `kind` is a
 * ConfigError; a tree that does not follow `tree`'s structure is a
 * StructureError naming the first path where they differ.
 */
export function valuesPerLeaf<V extends boolean | string>(
  fn: string,
  kind: PerLeafKind<V>,
  spec: PerLeaf<V>,
  tree: FlatTree,
  treeName: string,
): V[] {
  if (typeof spec === 'function') {
    return tree.leaves.map((leaf, i) => {
      const value: unknown = spec(tree.paths[i]!, leaf)
      if (kind.accepts(value)) return value
      throw new ConfigError(
        fn,
        `${kind.name} returned ${describe(value)} for ${rootedPath(treeName, tree.paths[i]!)}; expected ${kind.expected}`,
      )
    })
  }
  const out: V[] = []
  fillFromTree({ fn, kind, treeName, out }, spec, tree.treedef.root, '')
  return out
}

interface Fill<V> {
  readonly fn: string
  readonly kind: PerLeafKind<V>
  readonly treeName: string
  readonly out: V[]
}

// Follows the params' structure (already checked to be a pytree, so the walk is bounded by it).
function fillFromTree<V>(ctx: Fill<V>, spec: unknown, node: TreeNode, path: string): void {
  if (ctx.kind.accepts(spec)) {
    for (let i = countLeaves(node); i > 0; i--) ctx.out.push(spec)
    return
  }
  const at = rootedPath(ctx.kind.name, path)
  if (typeof spec === ctx.kind.type)
    throw new ConfigError(ctx.fn, `${at} is ${describe(spec)}; expected ${ctx.kind.expected}`)
  const expected = node.kind === 'leaf' ? ctx.kind.expected : node.kind === 'array' ? 'an array' : 'an object'
  const mismatch = (what: string) =>
    new StructureError(ctx.fn, `${at} ${what}, but ${rootedPath(ctx.treeName, path)} needs ${expected}`)
  if (node.kind === 'leaf') throw mismatch(`is ${describeNode(spec)}`)
  if (node.kind === 'array') {
    if (!Array.isArray(spec)) throw mismatch(`is ${describeNode(spec)}`)
    if (spec.length !== node.children.length) throw mismatch(`has ${spec.length} items, not ${node.children.length}`)
    node.children.forEach((child, i) => fillFromTree(ctx, spec[i], child, childPath(path, i)))
    return
  }
  if (!isPlainObject(spec)) throw mismatch(`is ${describeNode(spec)}`)
  const extra = Object.keys(spec).find((key) => !node.keys.includes(key))
  if (extra !== undefined) {
    throw new StructureError(ctx.fn, `${rootedPath(ctx.kind.name, childPath(path, extra))} is not in ${ctx.treeName}`)
  }
  node.children.forEach((child, i) => {
    const key = node.keys[i]!
    if (!Object.hasOwn(spec, key)) {
      throw new StructureError(ctx.fn, `${rootedPath(ctx.kind.name, childPath(path, key))} is missing`)
    }
    fillFromTree(ctx, spec[key], child, childPath(path, key))
  })
}

function countLeaves(node: TreeNode): number {
  if (node.kind === 'leaf') return 1
  return node.children.reduce((total, child) => total + countLeaves(child), 0)
}

/** Masks: booleans. */
export const MASK: PerLeafKind<boolean> = {
  name: 'mask',
  expected: 'a boolean',
  type: 'boolean',
  accepts: (value): value is boolean => typeof value === 'boolean',
}

/** Throws a ConfigError unless `spec` could be a per-leaf spec: a function, a value of `kind`, an array or a plain object. */
export function checkPerLeaf(fn: string, kind: PerLeafKind<unknown>, spec: unknown): void {
  if (typeof spec === 'function' || typeof spec === kind.type || Array.isArray(spec) || isPlainObject(spec)) return
  throw new ConfigError(
    fn,
    `${kind.name} must be a tree like the params with ${kind.expected} per leaf or subtree, or a function of (path, leaf), got ${describe(spec)}`,
  )
}

/**
 * The leaves at the positions `selected` picks, keyed by path, as the tree an
 * inner transformation sees: a plain object, so its state reads
 * `state.mu['layers[0].w']` and serialises as any other.
 */
export function subtreeByPath(tree: FlatTree, selected: (i: number) => boolean): Record<string, Tensor> {
  const out: Record<string, Tensor> = {}
  tree.leaves.forEach((leaf, i) => {
    if (selected(i)) out[tree.paths[i]!] = leaf
  })
  return out
}

/**
 * Writes the inner transformation's results, read back by path, into
 * `leaves` at the selected positions; a result missing a path is a
 * StructureError.
 */
export function collectByPath(
  fn: string,
  tree: FlatTree,
  selected: (i: number) => boolean,
  results: Params,
  leaves: Tensor[],
): void {
  const byPath = isPlainObject(results) ? results : {}
  tree.paths.forEach((path, i) => {
    if (!selected(i)) return
    const result = byPath[path]
    if (!(result instanceof Tensor)) {
      throw new StructureError(fn, `the inner transformation returned no update for ${JSON.stringify(path)}`)
    }
    leaves[i] = result
  })
}

/**
 * The params' leaves at the paths `updates` has selected: matched by path, not
 * position, so params whose keys were inserted in another order still line up.
 */
export function paramsByPath(
  fn: string,
  params: Params | undefined,
  updates: FlatTree,
  selected: (i: number) => boolean,
): Record<string, Tensor> | undefined {
  if (params === undefined) return undefined
  const paths = new Set(updates.paths.filter((_, i) => selected(i)))
  const tree = flatTree(fn, 'params', params)
  return subtreeByPath(tree, (i) => paths.has(tree.paths[i]!))
}
