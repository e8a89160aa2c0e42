import { checkInteger, checkOptions, checkSeed } from '@gradstream/core'
import type { TypedArray } from '../dtype'
import { ShapeError } from '../errors'
import { checkDTypeIn, checkTensor, FLOAT } from '../ops/argumentChecks'
import { checkElementCount, formatShape } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import type { Philox } from './philox'
import { philoxForOp } from './tfSeeds'

/**
 * Options of {@link multinomial}.
 * @example multinomial(logits, 5, { seed: 3 })
 */
export interface MultinomialOptions {
  /** Op seed (an integer): the same seed gives the same classes, as TF1's `seed=` with no graph seed. */
  readonly seed?: number
}

const OPTION_KEYS = ['seed']
const FLOAT32_LOWEST = -3.4028234663852886e38

/** TF's `SingleSampleAdapter` over Philox: the four words of each call, one at a time. */
class PhiloxWords {
  readonly #generator: Philox
  #block: Uint32Array = new Uint32Array(4)
  #used = 4

  constructor(generator: Philox) {
    this.#generator = generator
  }

  next(): number {
    if (this.#used === 4) {
      this.#block = this.#generator.next()
      this.#used = 0
    }
    return this.#block[this.#used++]!
  }

  /** TF's `SimplePhilox::RandDouble`: 20 bits of the first word and all of the second as a 52-bit mantissa. */
  nextDouble(): number {
    const high = this.next() & 0xfffff
    const low = this.next()
    return (high * 2 ** 32 + low) / 2 ** 52
  }
}

/** Index of the first entry of the ascending `cdf` greater than `value` (C++'s `upper_bound`). */
function upperBound(cdf: Float64Array, value: number): number {
  let low = 0
  let high = cdf.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (cdf[middle]! > value) high = middle
    else low = middle + 1
  }
  return low
}

/**
 * TF1's CPU `MultinomialFunctor`, row after row from one stream: an
 * unnormalized double CDF of `exp(logit − max)` over the finite logits, then
 * `upper_bound` of `RandDouble() · total` for each sample.
 */
function sampleRows(logits: TypedArray, classes: number, samples: number, lowest: number, words: PhiloxWords) {
  const rows = logits.length / classes
  const out = new Int32Array(rows * samples)
  const cdf = new Float64Array(classes)
  for (let row = 0; row < rows; row++) {
    const offset = row * classes
    let maxLogit = lowest
    for (let j = 0; j < classes; j++) {
      const v = logits[offset + j]!
      if (Number.isFinite(v) && v > maxLogit) maxLogit = v
    }
    let total = 0
    for (let j = 0; j < classes; j++) {
      const v = logits[offset + j]!
      if (Number.isFinite(v)) total += Math.exp(v - maxLogit)
      cdf[j] = total
    }
    for (let s = 0; s < samples; s++) out[row * samples + s] = upperBound(cdf, words.nextDouble() * total)
  }
  return out
}

/**
 * Draws `numSamples` class indices per row of unnormalized log-probabilities
 * `logits` ([batch, numClasses], or [numClasses] as tfjs allows), TF1's
 * `tf.multinomial` (`tf.random.categorical`), as int32 of shape
 * [batch, numSamples] (or [numSamples]). Class j of a row is drawn with
 * probability `exp(logits[j]) / Σ exp(logits)`; non-finite logits get
 * probability 0, and a row with no finite logit yields `numClasses`, as TF1's
 * CPU kernel does.
 *
 * The draws follow TF1's CPU kernel: Philox from the op seed as in
 * {@link randomUniform}, one double per sample from two words
 * (`SimplePhilox::RandDouble`), rows consuming one stream in order, and an
 * `upper_bound` search of a double CDF built with `exp(logit − max)`. TF1
 * runs that stream as one shard only when its thread pool does not split
 * the batch (one thread, or a small batch); split batches start each shard
 * elsewhere in the stream, so TF1's own numbers then depend on its thread
 * count. Not checked against TF1 bit for bit: it may differ where
 * JavaScript's `Math.exp` and the C library's `exp` round differently at a
 * CDF boundary, and wherever the kernel's details differ from what is
 * written here.
 *
 * @example
 * multinomial(tensor([[0, Math.log(3)]]), 4, { seed: 1 }).toArray() // [[1, 1, 1, 1]]
 */
export function multinomial(logits: Tensor, numSamples: number, options: MultinomialOptions = {}): Tensor {
  checkTensor('multinomial', 'logits', logits)
  checkDTypeIn('multinomial', 'logits', logits, FLOAT)
  if (logits.rank !== 1 && logits.rank !== 2) {
    throw new ShapeError(
      'multinomial',
      `logits must have rank 1 [numClasses] or 2 [batch, numClasses], got ${formatShape(logits.shape)}`,
    )
  }
  const classes = logits.shape[logits.rank - 1]!
  if (classes === 0)
    throw new ShapeError('multinomial', `logits must have at least one class, got ${formatShape(logits.shape)}`)
  checkInteger('multinomial', 'numSamples', numSamples, 0)
  checkOptions('multinomial', options, OPTION_KEYS)
  const { seed } = options
  checkSeed('multinomial', seed)
  const shape = logits.rank === 2 ? [logits.shape[0]!, numSamples] : [numSamples]
  checkElementCount('multinomial', shape)
  // TF1 starts the maximum at the dtype's lowest finite value.
  const lowest = logits.dtype === 'float32' ? FLOAT32_LOWEST : -Number.MAX_VALUE
  const words = new PhiloxWords(philoxForOp(seed))
  return fromKernel(sampleRows(valuesOf(logits), classes, numSamples, lowest, words), shape, 'int32')
}
