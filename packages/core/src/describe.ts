/**
 * A value as an error message shows it: numbers, booleans, null and undefined
 * as written, strings quoted (and cut at 40 characters), other values by kind:
 * `an array`, `an object`, `a function`, `a Tensor`, `a Map`.
 * @example describe('x') // '"x"'; describe([1]) // 'an array'
 */
export function describe(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value)
    case 'bigint':
      return `${value}n`
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    case 'function':
      return 'a function'
    case 'symbol':
      return 'a symbol'
  }
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto === Object.prototype || proto === null) return 'an object'
  const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object'
}
