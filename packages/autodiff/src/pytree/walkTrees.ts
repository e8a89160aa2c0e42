import { Tensor } from '@gradstream/tensor'
import { StructureError } from '../errors'
import { childPath, describe, invalidNodeError, isPlainObject, rootedPath } from './PyTree'

/** Called with the leaves of every tree at one position and that position's path. */
export type LeafVisitor = (leaves: readonly Tensor[], path: string) => unknown

/**
 * Walks trees of one structure in step, rebuilding the first tree's
 * structure from `visit`'s results. `roots` name the trees in messages.
 * Object keys match by name; the result follows the first tree's order.
 */
export function walkTrees(
  caller: string,
  roots: readonly string[],
  trees: readonly unknown[],
  visit: LeafVisitor,
): unknown {
  return walk({ caller, roots, visit }, trees, '')
}

interface Walk {
  readonly caller: string
  readonly roots: readonly string[]
  readonly visit: LeafVisitor
}

function walk(ctx: Walk, nodes: readonly unknown[], path: string): unknown {
  const [first] = nodes
  if (first instanceof Tensor)
    return ctx.visit(
      nodes.map((node, i) => asLeaf(ctx, node, i, path)),
      path,
    )
  if (Array.isArray(first)) {
    const lists = nodes.map((node, i) => asArray(ctx, node, first.length, i, path))
    return first.map((_, k) =>
      walk(
        ctx,
        lists.map((list) => list[k]),
        childPath(path, k),
      ),
    )
  }
  if (isPlainObject(first)) {
    const records = nodes.map((node, i) => asRecord(ctx, node, first, i, path))
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(first)) {
      out[key] = walk(
        ctx,
        records.map((record) => record[key]),
        childPath(path, key),
      )
    }
    return out
  }
  throw invalidNodeError(ctx.caller, ctx.roots[0] ?? 'tree', path, first)
}

function mismatch(ctx: Walk, i: number, path: string, first: string, other: string): StructureError {
  const a = rootedPath(ctx.roots[0] ?? 'tree', path)
  const b = rootedPath(ctx.roots[i] ?? `tree${i}`, path)
  return new StructureError(ctx.caller, `${a} ${first} but ${b} ${other}`)
}

function asLeaf(ctx: Walk, node: unknown, i: number, path: string): Tensor {
  if (node instanceof Tensor) return node
  throw mismatch(ctx, i, path, 'is a Tensor', `is ${describe(node)}`)
}

function asArray(ctx: Walk, node: unknown, length: number, i: number, path: string): readonly unknown[] {
  if (!Array.isArray(node)) throw mismatch(ctx, i, path, 'is an array', `is ${describe(node)}`)
  if (node.length !== length) throw mismatch(ctx, i, path, `has ${length} items`, `has ${node.length}`)
  return node
}

function asRecord(
  ctx: Walk,
  node: unknown,
  first: Readonly<Record<string, unknown>>,
  i: number,
  path: string,
): Readonly<Record<string, unknown>> {
  if (!isPlainObject(node)) throw mismatch(ctx, i, path, 'is an object', `is ${describe(node)}`)
  for (const key of Object.keys(first)) {
    if (!Object.hasOwn(node, key))
      throw mismatch(ctx, i, childPath(path, key), `is ${describe(first[key])}`, 'is missing')
  }
  for (const key of Object.keys(node)) {
    if (!Object.hasOwn(first, key))
      throw mismatch(ctx, i, childPath(path, key), 'is missing', `is ${describe(node[key])}`)
  }
  return node
}
