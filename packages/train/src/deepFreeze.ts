import { WalkGuard, isPlainObject } from '@gradstream/core'
import { Tensor } from '@gradstream/tensor'

/**
 * Freezes every plain object and array reachable from `value`, also inside
 * nodes that are frozen already: optimizers freeze their state records but
 * not the trees of moments inside them, where immer's `freeze` would stop.
 * Tensors are immutable by construction; freezing them as well stops anyone
 * holding one from redefining its getters with `Object.defineProperty`. Other
 * class instances are left as they are, as immer leaves them.
 *
 * @throws StructureError naming the path of a cycle or of nesting deeper than
 * `MAX_TREE_DEPTH` (core's {@link WalkGuard}); the nodes above it are frozen by then.
 * @example deepFreeze({ mu: [ones([2])] }).mu // a frozen array
 */
export function deepFreeze<T>(value: T): T {
  if (!Array.isArray(value) && !isPlainObject(value)) return value
  freezeNode(new WalkGuard('deepFreeze', 'value'), value, 0, undefined)
  return value
}

/** The walk of `deepFreeze` from a node `depth` keys below the root of `guard`'s walk; returns `node`. */
export function freezeNode<T extends object>(
  guard: WalkGuard,
  node: T,
  depth: number,
  key: string | number | undefined,
): T {
  guard.enter(node, depth, key)
  Object.freeze(node)
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const part: unknown = node[i]
      if (Array.isArray(part) || isPlainObject(part)) freezeNode(guard, part, depth + 1, i)
      else if (part instanceof Tensor) Object.freeze(part)
    }
    return node
  }
  for (const k in node) {
    const part: unknown = (node as Record<string, unknown>)[k]
    if (Array.isArray(part) || isPlainObject(part)) freezeNode(guard, part, depth + 1, k)
    else if (part instanceof Tensor) Object.freeze(part)
  }
  return node
}
