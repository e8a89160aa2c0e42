import { Tensor } from '../tensor'
import { StructureError, WalkGuard, childPath, isPlainObject } from '@gradstream/core'
import { invalidNodeError } from './PyTree'
import type { MapTree, Params } from './PyTree'

// Phantom key: ties a TreeDef to the type of the tree it describes, so
// unflattenTree can give back that type. Never present at runtime.
declare const treeType: unique symbol

/**
 * A node of a TreeDef: a leaf, or an array or object node with its children.
 * @example flattenTree([ones([1])]).treedef.root // { kind: 'array', children: [{ kind: 'leaf' }] }
 */
export type TreeNode =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'array'; readonly children: readonly TreeNode[] }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly children: readonly TreeNode[] }

/**
 * The structure of a pytree without its leaves, from `flattenTree`, for `unflattenTree`.
 * @example flattenTree({ w: ones([2]), b: ones([1]) }).treedef.numLeaves // 2
 */
export interface TreeDef<T = Params> {
  readonly [treeType]?: T
  readonly root: TreeNode
  /** Number of leaves the structure holds. */
  readonly numLeaves: number
  /** Each leaf's path, in leaf order (`layers[2].b`). */
  readonly paths: readonly string[]
}

/**
 * Options of {@link flattenTree}: the names its error messages use.
 * @example flattenTree(params, { caller: 'valueAndGrad', name: 'params' })
 */
export interface FlattenTreeOptions {
  /** The function name that starts error messages (default `flattenTree`). */
  readonly caller?: string
  /** The tree's name in paths (default `tree`): `params.layers[0].w`. */
  readonly name?: string
}

/**
 * Splits a pytree into its leaves (depth first, object keys in insertion
 * order) and its structure. `unflattenTree(treedef, leaves)` puts it back.
 *
 * @throws StructureError naming the path of a value that is neither a Tensor
 * nor a plain object or array, of a cycle, or of nesting deeper than
 * `MAX_TREE_DEPTH` (1000) levels.
 * @example
 * const { leaves, treedef } = flattenTree({ w: ones([2, 2]), layers: [{ b: zeros([2]) }] })
 * leaves.length  // 2
 * treedef.paths  // ['w', 'layers[0].b']
 */
export function flattenTree<T extends Params>(
  tree: T,
  options: FlattenTreeOptions = {},
): { leaves: Tensor[]; treedef: TreeDef<T> } {
  const { caller = 'flattenTree', name = 'tree' } = options
  const found: FoundLeaves = { guard: new WalkGuard(caller, name), caller, name, leaves: [], keys: [] }
  const root = describeNode(found, tree, 0, undefined)
  return { leaves: found.leaves, treedef: new TreeStructure<T>(root, found.leaves.length) }
}

// Paths are built on first use: most callers flatten for the leaves alone, and building a path costs a
// string per node and a pattern test per key, more than the walk itself on a small tree.
class TreeStructure<T> implements TreeDef<T> {
  #paths: string[] | undefined

  constructor(
    readonly root: TreeNode,
    readonly numLeaves: number,
  ) {}

  get paths(): readonly string[] {
    if (this.#paths === undefined) {
      this.#paths = []
      collectPaths(this.root, '', this.#paths)
    }
    return this.#paths
  }
}

/** The paths of the leaves under `node`, depth first, as the walk meets them. */
function collectPaths(node: TreeNode, path: string, into: string[]): void {
  if (node.kind === 'leaf') {
    into.push(path)
  } else if (node.kind === 'array') {
    for (let i = 0; i < node.children.length; i++) collectPaths(node.children[i]!, childPath(path, i), into)
  } else {
    for (let i = 0; i < node.children.length; i++) {
      collectPaths(node.children[i]!, childPath(path, node.keys[i]!), into)
    }
  }
}

/** What a walk of a tree collects, and the names its errors use. */
interface FoundLeaves {
  readonly guard: WalkGuard
  readonly caller: string
  readonly name: string
  readonly leaves: Tensor[]
  /** The keys from the root to the node being described: its path, spelled out only for a message. */
  readonly keys: (string | number)[]
}

// Module-level rather than a closure per call: flattening runs on every gradient and update step.
function describeNode(found: FoundLeaves, node: unknown, depth: number, key?: string | number): TreeNode {
  if (node instanceof Tensor) {
    found.leaves.push(node)
    return LEAF
  }
  if (Array.isArray(node)) {
    found.guard.enter(node, depth, key)
    const children = new Array<TreeNode>(node.length)
    for (let i = 0; i < node.length; i++) children[i] = describeChild(found, node[i], depth, i)
    return { kind: 'array', children }
  }
  if (isPlainObject(node)) {
    found.guard.enter(node, depth, key)
    const keys = Object.keys(node)
    const children = new Array<TreeNode>(keys.length)
    for (let i = 0; i < keys.length; i++) children[i] = describeChild(found, node[keys[i]!], depth, keys[i]!)
    return { kind: 'object', keys, children }
  }
  throw invalidNodeError(found.caller, found.name, found.keys.reduce<string>(childPath, ''), node)
}

function describeChild(found: FoundLeaves, child: unknown, depth: number, key: string | number): TreeNode {
  found.keys.push(key)
  const described = describeNode(found, child, depth + 1, key)
  found.keys.pop()
  return described
}

const LEAF: TreeNode = { kind: 'leaf' }

/**
 * Builds a tree of `treedef`'s structure from `leaves`, in the order
 * `flattenTree` produced them. With Tensor leaves the result has the
 * original tree's type; with other values, that structure holding them.
 *
 * @throws StructureError when the number of leaves differs from the structure's.
 * @example
 * const { leaves, treedef } = flattenTree({ w: ones([2]), b: ones([1]) })
 * unflattenTree(treedef, leaves.map((x) => mul(x, 2))).w.toArray() // [2, 2]
 */
export function unflattenTree<T>(treedef: TreeDef<T>, leaves: readonly Tensor[]): T
export function unflattenTree<T, R>(treedef: TreeDef<T>, leaves: readonly R[]): MapTree<T, R>
export function unflattenTree(treedef: TreeDef, leaves: readonly unknown[]): unknown {
  if (leaves.length !== treedef.numLeaves) {
    throw new StructureError('unflattenTree', `the structure holds ${treedef.numLeaves} leaves, got ${leaves.length}`)
  }
  return buildNode(treedef.root, leaves, { next: 0 })
}

function buildNode(node: TreeNode, leaves: readonly unknown[], cursor: { next: number }): unknown {
  if (node.kind === 'leaf') return leaves[cursor.next++]
  if (node.kind === 'array') return node.children.map((child) => buildNode(child, leaves, cursor))
  const out: Record<string, unknown> = {}
  for (let i = 0; i < node.children.length; i++) out[node.keys[i]!] = buildNode(node.children[i]!, leaves, cursor)
  return out
}

/**
 * The leaves of a pytree, depth first, object keys in insertion order.
 * @example treeLeaves({ a: ones([1]), b: [zeros([2]), ones([3])] }).map((x) => x.size) // [1, 2, 3]
 */
export function treeLeaves(tree: Params): Tensor[] {
  return flattenTree(tree, { caller: 'treeLeaves' }).leaves
}

/**
 * The paths of a pytree's leaves, in leaf order: `w`, `layers[0].b`, `[1]`, or `''` for a root leaf.
 * @example treePaths({ w: ones([1]), layers: [{ b: ones([1]) }] }) // ['w', 'layers[0].b']
 */
export function treePaths(tree: Params): string[] {
  return flattenTree(tree, { caller: 'treePaths' }).treedef.paths.slice()
}
