import { describe } from '../describe'

/**
 * What kind of value sits at a place in a tree, for messages about structure:
 * `a number`, `a string`, `null`, `undefined`, `an array`, `an object`,
 * `a Tensor`, `a Map`. Unlike {@link describe} it names the kind, not the value,
 * so a message reads `params.lr is a number`.
 * @example describeNode(0.1) // 'a number'; describeNode([1]) // 'an array'
 */
export function describeNode(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value !== 'object' && typeof value !== 'function') return `a ${typeof value}`
  return describe(value)
}
