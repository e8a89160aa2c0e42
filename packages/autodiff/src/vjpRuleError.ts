import { GradstreamError } from '@gradstream/core'

/**
 * A gradient rule that broke its contract during backprop (a VJP rule must
 * return one gradient, or null, per input of its op): a fault in gradstream,
 * not in the caller's input, so it is not one of the bad-input classes.
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
