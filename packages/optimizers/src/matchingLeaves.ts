import { MAX_TREE_DEPTH } from '@gradstream/core'
import { shapesEqual, Tensor } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'

// An optimizer step walks its trees several times (the update, the state's moments, applyUpdates), and the
// checked walks build every leaf's path string for messages they almost never print: on a one-leaf tree that
// is most of a walk's cost (flattenTree 0.34 µs, a two-tree walkTrees 0.55 µs, this walk 0.1 µs, at load 16).
// So the trees are gathered here first, without paths, and the checked walk runs only to name a difference.

/**
 * The leaves of `trees` side by side, `positions[i][k]` being tree k's i-th leaf in `flattenTree`'s order,
 * when every tree has the first one's structure (same array lengths, same object keys in any order, as
 * `walkTrees` matches them) and each leaf the first tree's leaf's shape and dtype. Undefined at the first
 * difference, at a node that is not a plain object, an array or a Tensor, and past `MAX_TREE_DEPTH` (a
 * cycle): the caller then runs its checked walk, which throws the error naming the place.
 *
 * @example matchingLeaves([{ w: tensor([1]) }, { w: tensor([2]) }]) // [[w of the first, w of the second]]
 */
export function matchingLeaves(trees: readonly unknown[]): Tensor[][] | undefined {
  const positions: Tensor[][] = []
  return gather(trees, 0, positions) ? positions : undefined
}

function gather(nodes: readonly unknown[], depth: number, positions: Tensor[][]): boolean {
  const first = nodes[0]
  if (isOwnTensor(first) || (!isArrayOrRecord(first) && first instanceof Tensor)) {
    const leaves = [first]
    for (let k = 1; k < nodes.length; k++) {
      const other = nodes[k]
      if (!sameLeaf(first, other)) return false
      leaves.push(other)
    }
    positions.push(leaves)
    return true
  }
  if (depth >= MAX_TREE_DEPTH) return false
  if (Array.isArray(first)) {
    for (let k = 1; k < nodes.length; k++) {
      const node = nodes[k]
      if (!Array.isArray(node) || node.length !== first.length) return false
    }
    for (let i = 0; i < first.length; i++) if (!gather(childrenAt(nodes, i), depth + 1, positions)) return false
    return true
  }
  if (!isRecord(first)) return false
  const keys = Object.keys(first)
  for (let k = 1; k < nodes.length; k++) if (!sameKeys(keys, nodes[k])) return false
  for (const key of keys) if (!gather(childrenAt(nodes, key), depth + 1, positions)) return false
  return true
}

// Prototypes first: `instanceof Tensor` also asks whether a value is a tensor of another loaded copy of the
// package, which costs more than the rest of a node's visit, so it is asked only of what is neither one of
// this copy's tensors, an array nor a plain object. The answers are walkTrees' answers.
function isOwnTensor(node: unknown): node is Tensor {
  return typeof node === 'object' && node !== null && Object.getPrototypeOf(node) === Tensor.prototype
}

/** `isPlainObject` of core, without its Array.isArray call (arrays are told apart first). */
function isRecord(node: unknown): node is Readonly<Record<string, unknown>> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false
  const proto: unknown = Object.getPrototypeOf(node)
  return proto === Object.prototype || proto === null
}

function isArrayOrRecord(node: unknown): boolean {
  return Array.isArray(node) || isRecord(node)
}

function sameLeaf(leaf: Tensor, other: unknown): other is Tensor {
  if (other === leaf) return true
  const tensor = isOwnTensor(other) || (!isArrayOrRecord(other) && other instanceof Tensor)
  return tensor && other.dtype === leaf.dtype && shapesEqual(other.shape, leaf.shape)
}

function sameKeys(keys: readonly string[], node: unknown): boolean {
  if (!isRecord(node) || Object.keys(node).length !== keys.length) return false
  for (const key of keys) if (!Object.hasOwn(node, key)) return false
  return true
}

function childrenAt(nodes: readonly unknown[], key: string | number): unknown[] {
  const children = new Array<unknown>(nodes.length)
  for (let k = 0; k < nodes.length; k++) children[k] = Reflect.get(nodes[k] as object, key)
  return children
}

/**
 * A tree of `like`'s structure holding `leaves` in `flattenTree`'s leaf order: `like` is a tree that
 * {@link matchingLeaves} accepted, so its walk is bounded and every node is a Tensor, an array or a plain object.
 */
export function rebuildLike<T extends Params>(like: T, leaves: readonly Tensor[]): T {
  const cursor = { next: 0 }
  return sameStructure(like, rebuild(like, leaves, cursor))
}

function rebuild(node: unknown, leaves: readonly Tensor[], cursor: { next: number }): unknown {
  if (Array.isArray(node)) {
    const out = new Array<unknown>(node.length)
    for (let i = 0; i < node.length; i++) out[i] = rebuild(node[i], leaves, cursor)
    return out
  }
  if (!isRecord(node)) return leaves[cursor.next++]
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(node)) out[key] = rebuild(node[key], leaves, cursor)
  return out
}

/** rebuild made `like`'s structure with Tensor leaves: the one cast, from its untyped result to `like`'s type. */
function sameStructure<T extends Params>(_like: T, rebuilt: unknown): T {
  return rebuilt as T
}
