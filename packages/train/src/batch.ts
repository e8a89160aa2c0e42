import type { Tensor } from '@gradstream/tensor'

/** One training batch: inputs `x` and targets `y`, rows aligned along axis 0. */
export interface Batch {
  readonly x: Tensor
  readonly y: Tensor
}
