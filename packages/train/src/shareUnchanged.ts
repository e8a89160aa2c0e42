import { isPlainObject } from '@gradstream/core'
import { Tensor, identical } from '@gradstream/tensor'
import { deepFreeze } from './deepFreeze'

/**
 * `next`, except that every part equal to the matching part of `prev` is that
 * part of `prev`: a tensor with the same dtype, shape and bits, a number that
 * is the same, and a subtree whose parts all are. So unchanged parts of
 * consecutive snapshots (a frozen layer, optimizer state for a parameter that
 * got no gradient) are shared, not copied, and `===` tells what changed.
 * Parts taken from `next` come back deep-frozen (tensors are immutable by
 * construction), so when `prev` is deep-frozen the result is too and nothing
 * is left to walk.
 */
export function shareUnchanged<T>(prev: T | undefined, next: T): T {
  if (Object.is(prev, next) || typeof next !== 'object' || next === null) return next
  if (next instanceof Tensor) return prev instanceof Tensor && identical(prev, next) ? prev : next
  if (Array.isArray(prev) && Array.isArray(next)) return shareArray(prev, next) as T
  if (isPlainObject(prev) && isPlainObject(next)) return shareRecord(prev, next) as T
  return deepFreeze(next)
}

// Both walks copy `next` only when one of its parts is replaced (by a part of `prev` or a merged
// subtree): usually every part changed or none did, and a spread copy keeps V8's fast object layout.
function shareArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  if (prev.length !== next.length) return deepFreeze(next)
  let changed = false
  let merged: unknown[] | undefined
  for (let i = 0; i < next.length; i++) {
    const part = shareUnchanged(prev[i], next[i])
    if (part !== prev[i]) changed = true
    if (part !== next[i]) (merged ??= next.slice())[i] = part
  }
  return changed ? Object.freeze(merged ?? next) : prev
}

function shareRecord(
  prev: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  let changed = false
  let merged: Record<string, unknown> | undefined
  let keys = 0
  for (const key in next) {
    keys++
    const before = prev[key]
    const after = next[key]
    const part = shareUnchanged(before, after)
    if (part !== before || (before === undefined && !(key in prev))) changed = true
    if (part !== after) (merged ??= { ...next })[key] = part
  }
  return changed || Object.keys(prev).length !== keys ? Object.freeze(merged ?? next) : prev
}
