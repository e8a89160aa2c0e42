import { isPlainObject } from '@gradstream/core'

/**
 * Freezes every plain object and array reachable from `value`, also inside
 * nodes that are frozen already: optimizers freeze their state records but
 * not the trees of moments inside them, where immer's `freeze` would stop.
 * Tensors are immutable by construction and other class instances are left
 * as they are, as immer leaves them.
 */
export function deepFreeze<T>(value: T): T {
  if (!Array.isArray(value) && !isPlainObject(value)) return value
  Object.freeze(value)
  for (const part of Object.values(value)) deepFreeze(part)
  return value
}
