import { Tensor, identical } from '@gradstream/tensor'

/**
 * `next`, except that every part equal to the matching part of `prev` is that
 * part of `prev`: a tensor with the same dtype, shape and bits, a number that
 * is the same, and a subtree whose parts all are. So unchanged parts of
 * consecutive snapshots (a frozen layer, optimizer state for a parameter that
 * got no gradient) are shared, not copied, and `===` tells what changed.
 * New nodes come back frozen, so immer's freeze stops at them.
 */
export function shareUnchanged<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev
  if (prev instanceof Tensor) return next instanceof Tensor && identical(prev, next) ? prev : next
  if (Array.isArray(prev)) return Array.isArray(next) ? (shareArray(prev, next) as T) : next
  if (isPlainObject(prev) && isPlainObject(next)) return shareRecord(prev, next) as T
  return next
}

function shareArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  if (prev.length !== next.length) return next
  let same = true
  const merged = new Array<unknown>(next.length)
  for (let i = 0; i < next.length; i++) {
    merged[i] = shareUnchanged(prev[i], next[i])
    if (merged[i] !== prev[i]) same = false
  }
  return same ? prev : Object.freeze(merged)
}

function shareRecord(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {}
  let same = true
  for (const key in next) {
    merged[key] = shareUnchanged(prev[key], next[key])
    if (merged[key] !== prev[key] || !(key in prev)) same = false
  }
  return same && Object.keys(prev).length === Object.keys(merged).length ? prev : Object.freeze(merged)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
