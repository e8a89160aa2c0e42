import { Tensor } from '@gradstream/tensor'
import { StructureError } from '../errors'
import { childPath, invalidNodeError, isPlainObject } from './PyTree'
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
 * Splits a pytree into its leaves (depth first, object keys in insertion
 * order) and its structure. `unflattenTree(treedef, leaves)` puts it back.
 *
 * @throws StructureError naming the path of a value that is neither a Tensor
 * nor a plain object or array.
 * @example
 * const { leaves, treedef } = flattenTree({ w: ones([2, 2]), layers: [{ b: zeros([2]) }] })
 * leaves.length  // 2
 * treedef.paths  // ['w', 'layers[0].b']
 */
export function flattenTree<T extends Params>(tree: T): { leaves: Tensor[]; treedef: TreeDef<T> } {
  return flattenAs('flattenTree', 'tree', tree)
}

/** `flattenTree` with the caller's name and the tree's name in error messages. */
export function flattenAs<T extends Params>(
  caller: string,
  rootName: string,
  tree: T,
): { leaves: Tensor[]; treedef: TreeDef<T> } {
  const found: FoundLeaves = { caller, rootName, leaves: [], paths: [] }
  const root = describeNode(found, tree, '')
  return { leaves: found.leaves, treedef: { root, numLeaves: found.leaves.length, paths: found.paths } }
}

/** What a walk of a tree collects, and the names its errors use. */
interface FoundLeaves {
  readonly caller: string
  readonly rootName: string
  readonly leaves: Tensor[]
  readonly paths: string[]
}

// Module-level rather than a closure per call: flattening runs on every gradient and update step.
function describeNode(found: FoundLeaves, node: unknown, path: string): TreeNode {
  if (node instanceof Tensor) {
    found.leaves.push(node)
    found.paths.push(path)
    return LEAF
  }
  if (Array.isArray(node)) {
    return { kind: 'array', children: node.map((child: unknown, i) => describeNode(found, child, childPath(path, i))) }
  }
  if (isPlainObject(node)) {
    const keys = Object.keys(node)
    return { kind: 'object', keys, children: keys.map((key) => describeNode(found, node[key], childPath(path, key))) }
  }
  throw invalidNodeError(found.caller, found.rootName, path, node)
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
  return flattenAs('treeLeaves', 'tree', tree).leaves
}

/**
 * The paths of a pytree's leaves, in leaf order: `w`, `layers[0].b`, `[1]`, or `''` for a root leaf.
 * @example treePaths({ w: ones([1]), layers: [{ b: ones([1]) }] }) // ['w', 'layers[0].b']
 */
export function treePaths(tree: Params): string[] {
  return flattenAs('treePaths', 'tree', tree).treedef.paths.slice()
}
