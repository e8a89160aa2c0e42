/**
 * True for a plain object (prototype `Object.prototype` or `null`): an object
 * node of a tree. Arrays, class instances (a Tensor, a Map, a Date) are not.
 * @example isPlainObject({ w: 1 }) // true; isPlainObject(Object.create(null)) // true; isPlainObject([]) // false
 */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
