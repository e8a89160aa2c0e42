import { GradstreamError } from '@gradstream/core'

/**
 * A state edit from `control` failed: the recipe threw, was not a function,
 * or left the state malformed (a parameter of another shape, a non-finite
 * hyper-parameter), or the control stream itself failed. `step` is the step
 * the edit was to take effect at; the run ends with this error, and no
 * snapshot holds the edit.
 * @example new StateEditError(6, 'changed the shape of params.w from [2, 1] to [3, 1]').message // 'train: the state edit before step 6 changed the shape of params.w from [2, 1] to [3, 1]'
 */
export class StateEditError extends GradstreamError {
  override name = 'StateEditError'
  constructor(
    readonly step: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`train: the state edit before step ${step} ${reason}`, options)
  }
}
