import { CheckpointError, WalkGuard } from '@gradstream/core'

/**
 * Throws a CheckpointError naming the path where a part of a parsed
 * checkpoint (`params`, `optimizer`, `ema`) nests deeper than a tree may.
 * JSON.parse reads any depth, but the checksum's stringify and the decoder
 * recurse, and would overflow the stack on a crafted file.
 */
export function checkNesting(fn: string, name: string, part: unknown): void {
  visit(new WalkGuard(fn, name, { error: CheckpointError }), part, 0, undefined)
}

function visit(guard: WalkGuard, node: unknown, depth: number, key: string | number | undefined): void {
  if (typeof node !== 'object' || node === null) return
  guard.enter(node, depth, key)
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) visit(guard, node[i], depth + 1, i)
    return
  }
  for (const [childKey, child] of Object.entries(node)) visit(guard, child, depth + 1, childKey)
}
