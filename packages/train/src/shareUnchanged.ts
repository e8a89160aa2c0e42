import type { PyTree } from '@gradstream/autodiff'
import { Tensor, identical } from '@gradstream/tensor'

/**
 * `next`, except that every part equal to the matching part of `prev` is that
 * part of `prev`: a tensor with the same dtype, shape and bits, a number that
 * is the same, and a subtree whose parts all are. So unchanged parts of
 * consecutive snapshots (a frozen layer, optimizer state for a parameter that
 * got no gradient) are shared, not copied, and `===` tells what changed.
 */
export function shareUnchanged<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev
  if (prev instanceof Tensor && next instanceof Tensor) return identical(prev, next) ? prev : next
  if (!isNode(prev) || !isNode(next) || Array.isArray(prev) !== Array.isArray(next)) return next
  const prevNode = prev as Record<string, unknown>
  const nextNode = next as Record<string, unknown>
  const keys = Object.keys(nextNode)
  if (keys.length !== Object.keys(prevNode).length) return next
  let same = true
  const merged: Record<string, unknown> = Array.isArray(next) ? ([] as unknown as Record<string, unknown>) : {}
  for (const key of keys) {
    const child = shareUnchanged(prevNode[key], nextNode[key])
    merged[key] = child
    if (child !== prevNode[key]) same = false
  }
  return same ? prev : (merged as T)
}

function isNode(value: unknown): value is PyTree<unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto: unknown = Object.getPrototypeOf(value)
  return Array.isArray(value) || proto === Object.prototype || proto === null
}
