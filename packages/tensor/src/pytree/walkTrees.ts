import { Tensor } from '../tensor'
import { StructureError, WalkGuard, childPath, describeNode, isPlainObject, rootedPath } from '@gradstream/core'
import { invalidNodeError } from './PyTree'

/**
 * Called by {@link walkTrees} with the leaves of every tree at one position and that position's path.
 * @example const visit: LeafVisitor = ([p, g], path) => sub(p, g)
 */
export type LeafVisitor = (leaves: readonly Tensor[], path: string) => unknown

/**
 * Walks trees of one structure in step, rebuilding the first tree's
 * structure from `visit`'s results: `mapTree` with the trees named for
 * messages. `caller` starts every message and `roots` name the trees, so a
 * mismatch reads `adam: updates.w is a Tensor but state.mu.w is missing`.
 * Object keys match by name; the result follows the first tree's order.
 * The first tree's nodes go through core's `WalkGuard` (the others follow
 * its structure), so cycles and deep nesting fail with a StructureError.
 *
 * @throws StructureError naming the first path where the trees differ or hold a value that is not a pytree node.
 * @example
 * walkTrees('update', ['params', 'grads'], [params, grads], ([p, g]) => sub(p, g)) // params - grads, as params' tree
 */
export function walkTrees(
  caller: string,
  roots: readonly string[],
  trees: readonly unknown[],
  visit: LeafVisitor,
): unknown {
  return walk({ caller, roots, visit, guard: new WalkGuard(caller, roots[0] ?? 'tree') }, trees, '', 0, undefined)
}

interface Walk {
  readonly caller: string
  readonly roots: readonly string[]
  readonly visit: LeafVisitor
  readonly guard: WalkGuard
}

// Plain loops: optimizers walk their trees several times per training step.
function walk(ctx: Walk, nodes: readonly unknown[], path: string, depth: number, key?: string | number): unknown {
  const first = nodes[0]
  if (first instanceof Tensor) {
    const leaves = new Array<Tensor>(nodes.length)
    for (let i = 0; i < nodes.length; i++) leaves[i] = asLeaf(ctx, nodes[i], i, path)
    return ctx.visit(leaves, path)
  }
  if (Array.isArray(first)) {
    ctx.guard.enter(first, depth, key)
    for (let i = 1; i < nodes.length; i++) asArray(ctx, nodes[i], first.length, i, path)
    const out = new Array<unknown>(first.length)
    for (let k = 0; k < first.length; k++) out[k] = walk(ctx, childrenAt(nodes, k), childPath(path, k), depth + 1, k)
    return out
  }
  if (isPlainObject(first)) {
    ctx.guard.enter(first, depth, key)
    const keys = Object.keys(first)
    for (let i = 1; i < nodes.length; i++) asRecord(ctx, nodes[i], first, keys, i, path)
    const out: Record<string, unknown> = {}
    for (const key of keys) out[key] = walk(ctx, childrenAt(nodes, key), childPath(path, key), depth + 1, key)
    return out
  }
  throw invalidNodeError(ctx.caller, ctx.roots[0] ?? 'tree', path, first)
}

/** The child at `key` of each node (already checked to be arrays or records holding it). */
function childrenAt(nodes: readonly unknown[], key: string | number): unknown[] {
  const children = new Array<unknown>(nodes.length)
  for (let i = 0; i < nodes.length; i++) children[i] = (nodes[i] as Record<string | number, unknown>)[key]
  return children
}

function mismatch(ctx: Walk, i: number, path: string, first: string, other: string): StructureError {
  const a = rootedPath(ctx.roots[0] ?? 'tree', path)
  const b = rootedPath(ctx.roots[i] ?? `tree${i}`, path)
  return new StructureError(ctx.caller, `${a} ${first} but ${b} ${other}`)
}

function asLeaf(ctx: Walk, node: unknown, i: number, path: string): Tensor {
  if (node instanceof Tensor) return node
  throw mismatch(ctx, i, path, 'is a Tensor', `is ${describeNode(node)}`)
}

function asArray(ctx: Walk, node: unknown, length: number, i: number, path: string): void {
  if (!Array.isArray(node)) throw mismatch(ctx, i, path, 'is an array', `is ${describeNode(node)}`)
  if (node.length !== length) throw mismatch(ctx, i, path, `has ${length} items`, `has ${node.length}`)
}

function asRecord(
  ctx: Walk,
  node: unknown,
  first: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  i: number,
  path: string,
): void {
  if (!isPlainObject(node)) throw mismatch(ctx, i, path, 'is an object', `is ${describeNode(node)}`)
  const nodeKeys = Object.keys(node)
  // The usual case, the same keys, costs one pass; the messages need the two slower ones below.
  if (nodeKeys.length === keys.length && keys.every((key) => Object.hasOwn(node, key))) return
  for (const key of keys) {
    if (!Object.hasOwn(node, key))
      throw mismatch(ctx, i, childPath(path, key), `is ${describeNode(first[key])}`, 'is missing')
  }
  for (const key of nodeKeys) {
    if (!Object.hasOwn(first, key))
      throw mismatch(ctx, i, childPath(path, key), 'is missing', `is ${describeNode(node[key])}`)
  }
}
