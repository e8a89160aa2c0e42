import type { Tensor } from '../tensor'
import type { Philox } from './philox'
import { boxMullerFloat } from './philoxSamples'
import { sampleNormal } from './sampleNormal'
import type { FloatStorage, RandomDType } from './randomOptions'

/**
 * Options of {@link randomNormal}.
 * @example randomNormal([2, 2], { mean: 0, stddev: 0.1, seed: 7 })
 */
export interface RandomNormalOptions {
  /** Mean of the distribution; default 0. */
  readonly mean?: number
  /** Standard deviation, finite and >= 0; default 1. */
  readonly stddev?: number
  /** Op seed (an integer): the same seed gives the same values, as TF1's `seed=` with no graph seed. */
  readonly seed?: number
  /** `float32` (default) or `float64`. */
  readonly dtype?: RandomDType
}

/** TF's `RandomStandardNormal`: element k comes from Philox call ⌊k/4⌋, two Box-Muller pairs per call. */
function fillStandardNormal(generator: Philox, out: FloatStorage): void {
  const block = new Float32Array(4)
  for (let start = 0; start < out.length; start += 4) {
    const words = generator.next()
    boxMullerFloat(words[0]!, words[1]!, block, 0)
    boxMullerFloat(words[2]!, words[3]!, block, 2)
    const count = Math.min(4, out.length - start)
    for (let k = 0; k < count; k++) out[start + k] = block[k]!
  }
}

/**
 * Normally distributed values, TF1's `tf.random_normal`: with the same `seed`
 * the float32 values equal TF1's bit for bit (Philox4x32-10, Box-Muller,
 * `rnd * stddev + mean` as two float32 ops). Each call starts the stream
 * afresh, like a new TF session. Without a seed, every call differs and
 * results are not reproducible. `float64` uses the same float32 draws and
 * double arithmetic for `* stddev + mean` (TF's own float64 kernel draws
 * differently).
 *
 * @example
 * randomNormal([2, 1], { seed: 1 }).toArray() // [[-0.8113182187080383], [1.4845987558364868]]
 */
export function randomNormal(shape: readonly number[], options: RandomNormalOptions = {}): Tensor {
  return sampleNormal('randomNormal', shape, options, fillStandardNormal)
}
