import { allocate } from '../dtype'
import { checkShape, sizeOf } from '../shape'
import { fromKernel } from '../tensor'
import type { Tensor } from '../tensor'
import type { Philox } from './philox'
import { checkFinite, checkNonNegative, checkOptions, checkSeed } from '@gradstream/core'
import { checkRandomDType, scaleAndShift } from './randomOptions'
import type { FloatStorage, RandomDType } from './randomOptions'
import { philoxForOp } from './tfSeeds'

/** The options the normal samplers share. */
export interface NormalSamplerOptions {
  readonly mean?: number
  readonly stddev?: number
  readonly seed?: number
  readonly dtype?: RandomDType
}

const OPTION_KEYS = ['mean', 'stddev', 'seed', 'dtype']

/**
 * What `randomNormal` and `truncatedNormal` share: validate the shape and
 * options, fill standard draws from the op's Philox stream with `fill`, then
 * `* stddev + mean` as TF does.
 */
export function sampleNormal(
  op: string,
  shape: readonly number[],
  options: NormalSamplerOptions,
  fill: (generator: Philox, out: FloatStorage) => void,
): Tensor {
  checkShape(op, shape)
  checkOptions(op, options, OPTION_KEYS)
  const { mean = 0, stddev = 1, seed, dtype = 'float32' } = options
  checkFinite(op, 'mean', mean)
  checkNonNegative(op, 'stddev', stddev)
  checkSeed(op, seed)
  checkRandomDType(op, dtype)
  const values = allocate(dtype, sizeOf(shape))
  fill(philoxForOp(seed), values)
  scaleAndShift(values, stddev, mean)
  return fromKernel(values, shape, dtype)
}
