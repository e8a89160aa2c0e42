// Seeded test inputs from the tensor package's Philox generator, so every
// run checks the same numbers.
import { cast, mul, randomUniform } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

export interface UniformOptions {
  readonly seed: number
  readonly low?: number
  readonly high?: number
  readonly dtype?: 'float32' | 'float64'
}

/** Uniform values in [low, high) (default [-1, 1)) of `shape`, float64 unless asked, the same for the same seed. */
export function uniform(
  shape: readonly number[],
  { seed, low = -1, high = 1, dtype = 'float64' }: UniformOptions,
): Tensor {
  return randomUniform(shape, { seed, minval: low, maxval: high, dtype })
}

/** Integers in [0, limit) of `shape`, as int32. */
export function randomIndices(shape: readonly number[], limit: number, seed: number): Tensor {
  return cast(mul(randomUniform(shape, { seed }), limit), 'int32')
}
