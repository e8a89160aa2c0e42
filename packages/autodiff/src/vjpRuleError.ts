import { GradstreamError } from '@gradstream/core'

/**
 * A gradient rule that broke its contract during backprop (a VJP rule must
 * return one gradient, or null, per input of its op, and a `customVjp`
 * backward rule one of its input's shape and dtype): a fault in a rule, of
 * gradstream's table or of a `customVjp` function, not in the values
 * differentiated, so it is not one of the bad-input classes.
 * @example
 * // backprop: the matMul rule returned 1 gradients for 2 inputs; a VJP rule returns one gradient (or null) per input
 * err instanceof VjpRuleError // true
 */
export class VjpRuleError extends GradstreamError {
  override name = 'VjpRuleError'

  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`)
  }
}
