import { GradstreamError } from '@gradstream/tensor'

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

/** A checkpoint that is truncated, corrupted, of another format or version, or does not fit the model. */
export class CheckpointError extends GradstreamError {
  override name = 'CheckpointError'
  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`)
  }
}
