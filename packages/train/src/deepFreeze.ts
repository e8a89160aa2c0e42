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

/** An object made by `{}` or `Object.create(null)`: a pytree node, not a tensor or other class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
