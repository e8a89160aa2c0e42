import { GradstreamError } from '@gradstream/core'

export { CheckpointError } from '@gradstream/core'

/** The loss function, the gradient or the optimizer failed at a step; `cause` is the original error. */
export class TrainStepError extends GradstreamError {
  override name = 'TrainStepError'
  constructor(
    readonly step: number,
    override readonly cause: unknown,
  ) {
    super(`train: step ${step} failed: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/** A loss term or a parameter became NaN or infinite (raised by `nanGuard`). */
export class NonFiniteError extends GradstreamError {
  override name = 'NonFiniteError'
  constructor(
    readonly step: number,
    readonly where: string,
    readonly value: number,
  ) {
    super(`nanGuard: ${where} is ${value} at step ${step}`)
  }
}
