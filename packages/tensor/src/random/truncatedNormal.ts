import type { Tensor } from '../tensor'
import { Philox } from './philox'
import { boxMullerFloat } from './philoxSamples'
import { sampleNormal } from './sampleNormal'
import type { FloatStorage, RandomDType } from './randomOptions'

/**
 * Options of {@link truncatedNormal}.
 * @example truncatedNormal([2, 3], { stddev: 0.1, seed: 7 })
 */
export interface TruncatedNormalOptions {
  /** Mean of the distribution before truncation; default 0. */
  readonly mean?: number
  /** Standard deviation before truncation, finite and >= 0; default 1. */
  readonly stddev?: number
  /** Op seed (an integer): the same seed gives the same values, as TF1's `seed=` with no graph seed. */
  readonly seed?: number
  /** `float32` (default) or `float64`. */
  readonly dtype?: RandomDType
}

// TF reserves 256 Philox calls per output group of 4, so groups are independent of each other.
const CALLS_PER_GROUP = 256
const TRUNCATE_AT = 2

/**
 * TF's `TruncatedNormal` on CPU: group g (elements 4g..4g+3) samples from a
 * copy of the base generator skipped by g·256 calls, taking words one at a
 * time, Box-Muller pairs kept while |value| < 2, until the group is full.
 */
function fillTruncatedNormal(base: Philox, out: FloatStorage): void {
  const generator = new Philox(0, 0) // overwritten by copyFrom for every group
  const pair = new Float32Array(2)
  for (let start = 0, group = 0; start < out.length; start += 4, group++) {
    generator.copyFrom(base)
    generator.skip(group * CALLS_PER_GROUP)
    const count = Math.min(4, out.length - start)
    let words = generator.next()
    let used = 0
    let accepted = 0
    while (accepted < count) {
      if (used === 4) {
        words = generator.next()
        used = 0
      }
      boxMullerFloat(words[used]!, words[used + 1]!, pair, 0)
      used += 2
      if (Math.abs(pair[0]!) < TRUNCATE_AT) out[start + accepted++] = pair[0]!
      if (accepted < count && Math.abs(pair[1]!) < TRUNCATE_AT) out[start + accepted++] = pair[1]!
    }
  }
}

/**
 * Normal values redrawn until within two standard deviations of the mean,
 * TF1's `tf.truncated_normal`: with the same `seed` the float32 values equal
 * TF1's (same Philox stream, group layout and rejection order), then
 * `rnd * stddev + mean` as two float32 ops. Each call starts the stream
 * afresh. Without a seed, every call differs and results are not
 * reproducible. `float64` uses the same float32 draws and double arithmetic
 * for the scaling.
 *
 * @example
 * truncatedNormal([2, 2], { seed: 2 }).shape // [2, 2], every |value| < 2
 */
export function truncatedNormal(shape: readonly number[], options: TruncatedNormalOptions = {}): Tensor {
  return sampleNormal('truncatedNormal', shape, options, fillTruncatedNormal)
}
