import { WalkGuard, isPlainObject } from '@gradstream/core'
import { Tensor, identical } from '@gradstream/tensor'
import { freezeNode } from './deepFreeze'

/**
 * `next`, except that every part equal to the matching part of `prev` is that
 * part of `prev`: a tensor with the same dtype, shape and bits, a number that
 * is the same, and a subtree whose parts all are. So unchanged parts of
 * consecutive snapshots (a frozen layer, optimizer state for a parameter that
 * got no gradient) are shared, not copied, and `===` tells what changed.
 * Parts taken from `next` come back deep-frozen (tensors are immutable by
 * construction), so when `prev` is deep-frozen the result is too and nothing
 * is left to walk.
 *
 * `guard` may be one made by {@link shareGuard} and reused by every walk of
 * a run: a guard only keeps the branch being walked, and making one per
 * walk (an object and two arrays) was a fifth of a walk's time.
 */
export function shareUnchanged<T>(prev: T | undefined, next: T, guard: WalkGuard = shareGuard()): T {
  if (Object.is(prev, next) || typeof next !== 'object' || next === null) return next
  return shareNode(guard, prev, next, 0, undefined) as T
}

/** The guard of {@link shareUnchanged}'s walks, naming the tree `next` in its errors. */
export function shareGuard(): WalkGuard {
  return new WalkGuard('shareUnchanged', 'next')
}

// The walks take the guard and depth of the one walk over `next` (core's WalkGuard:
// a cycle or nesting too deep is a StructureError, never a stack overflow).
// Records and arrays are told apart first: `instanceof Tensor` on a record is the slow, missing-brand branch.
function shareNode(guard: WalkGuard, prev: unknown, next: unknown, depth: number, key?: string | number): unknown {
  if (Object.is(prev, next) || typeof next !== 'object' || next === null) return next
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return freezeNode(guard, next, depth, key)
    return shareArray(guard, prev, next, depth, key)
  }
  if (isPlainObject(next)) {
    if (!isPlainObject(prev)) return freezeNode(guard, next, depth, key)
    return shareRecord(guard, prev, next, depth, key)
  }
  if (next instanceof Tensor) return prev instanceof Tensor && identical(prev, next) ? prev : Object.freeze(next)
  return next
}

// Both walks call shareNode only for object parts (it returns any other part as it is: a call saved per number of
// an optimizer state), and copy `next` only when one of its parts is replaced (by a part of `prev` or a merged
// subtree): usually every part changed or none did, and a spread copy keeps V8's fast object layout.
function shareArray(
  guard: WalkGuard,
  prev: readonly unknown[],
  next: readonly unknown[],
  depth: number,
  key: string | number | undefined,
): readonly unknown[] {
  if (prev.length !== next.length) return freezeNode(guard, next, depth, key)
  guard.enter(next, depth, key)
  let changed = false
  let merged: unknown[] | undefined
  for (let i = 0; i < next.length; i++) {
    const after = next[i]
    const part = typeof after === 'object' && after !== null ? shareNode(guard, prev[i], after, depth + 1, i) : after
    if (part !== prev[i]) changed = true
    if (part !== next[i]) (merged ??= next.slice())[i] = part
  }
  return changed ? Object.freeze(merged ?? next) : prev
}

function shareRecord(
  guard: WalkGuard,
  prev: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
  depth: number,
  key: string | number | undefined,
): Readonly<Record<string, unknown>> {
  guard.enter(next, depth, key)
  let changed = false
  let merged: Record<string, unknown> | undefined
  let keys = 0
  for (const k in next) {
    keys++
    const before = prev[k]
    const after = next[k]
    const part = typeof after === 'object' && after !== null ? shareNode(guard, before, after, depth + 1, k) : after
    if (part !== before || (before === undefined && !(k in prev))) changed = true
    if (part !== after) (merged ??= { ...next })[k] = part
  }
  return changed || keyCount(prev) !== keys ? Object.freeze(merged ?? next) : prev
}

/** The number of enumerable keys of `record`, counted without allocating `Object.keys`' array. */
function keyCount(record: object): number {
  let count = 0
  for (const _ in record) count++
  return count
}
