import { GradstreamError } from '@gradstream/core'

/**
 * An evaluation failed at a step: `predict`, the loss or a metric threw, or
 * gave a number that is not finite. `cause` is the error thrown, if any.
 * @example new EvaluationError(40, 'the loss of rows 0 to 63 is NaN, not a finite number').message
 * // 'evaluate: step 40: the loss of rows 0 to 63 is NaN, not a finite number'
 */
export class EvaluationError extends GradstreamError {
  override name = 'EvaluationError'
  constructor(
    readonly step: number,
    what: string,
    cause?: unknown,
  ) {
    super(`evaluate: step ${step}: ${what}`, cause === undefined ? undefined : { cause })
  }
}
