import { ConfigError, ShapeError, checkString, describe } from '@gradstream/core'

/** Throws unless `names` is undefined or an array of strings (checked before any work; the count is checked later). */
export function checkClassNames(fn: string, names: unknown): asserts names is readonly string[] | undefined {
  if (names === undefined) return
  if (!Array.isArray(names)) throw new ConfigError(fn, `classNames must be an array of strings, got ${describe(names)}`)
  Array.from(names).forEach((name: unknown, i) => checkString(fn, `classNames[${i}]`, name))
}

/** One name per class: checked `names` when they are `k`, or `0`, `1`, ..., `k - 1`. */
export function namesOfClasses(fn: string, names: readonly string[] | undefined, k: number): string[] {
  if (names === undefined) return Array.from({ length: k }, (_, i) => String(i))
  if (names.length !== k) throw new ShapeError(fn, `classNames has ${names.length} names for ${k} classes`)
  return names.slice()
}
