import type { Shape } from '../shape'

// Where the operands of the kernels with many parameters sit, passed as one
// object rather than a long positional list in which two shapes or two flags
// could swap without the compiler noticing.

/** A binary kernel's operand shapes and the shape they broadcast to. */
export interface BinaryLayout {
  readonly aShape: Shape
  readonly bShape: Shape
  readonly outShape: Shape
}

/** A select kernel's operand shapes (condition, a, b) and the shape they broadcast to. */
export interface SelectLayout extends BinaryLayout {
  readonly conditionShape: Shape
}

/**
 * A batched matrix product: `a` is [batchA, m, k] ([batchA, k, m] when
 * `transposeA`), `b` is [batchB, k, n] ([batchB, n, k] when `transposeB`).
 */
export interface MatMulLayout {
  readonly m: number
  readonly k: number
  readonly n: number
  readonly transposeA: boolean
  readonly transposeB: boolean
  /** Batch count of the output, and for each output batch the batch index of a and of b. */
  readonly batches: number
  readonly aBatch: (batch: number) => number
  readonly bBatch: (batch: number) => number
}

/**
 * A 2-D pooling window sliding over NHWC input [batch, inHeight, inWidth,
 * channels] to give [batch, outHeight, outWidth, channels]. The window of
 * output (i, j) covers input rows from `i · strideHeight − padTop` and
 * columns from `j · strideWidth − padLeft`, `windowHeight × windowWidth` of
 * them; the positions outside the input are padding, which pooling never reads.
 */
export interface PoolLayout {
  readonly batch: number
  readonly inHeight: number
  readonly inWidth: number
  readonly channels: number
  readonly outHeight: number
  readonly outWidth: number
  readonly windowHeight: number
  readonly windowWidth: number
  readonly strideHeight: number
  readonly strideWidth: number
  readonly padTop: number
  readonly padLeft: number
}

/**
 * A 2-D convolution in TF's layout: input `[batch, inHeight, inWidth,
 * inChannels]`, filter `[filterHeight, filterWidth, inChannels, outChannels]`
 * (HWIO), output `[batch, outHeight, outWidth, outChannels]`. Output (oh, ow)
 * reads input row `oh · strideHeight + kh · dilationHeight − padTop` and
 * column `ow · strideWidth + kw · dilationWidth − padLeft`; rows and columns
 * outside the input are zeros.
 */
export interface Conv2DLayout {
  readonly batch: number
  readonly inHeight: number
  readonly inWidth: number
  readonly inChannels: number
  readonly filterHeight: number
  readonly filterWidth: number
  readonly outChannels: number
  readonly outHeight: number
  readonly outWidth: number
  readonly strideHeight: number
  readonly strideWidth: number
  readonly dilationHeight: number
  readonly dilationWidth: number
  readonly padTop: number
  readonly padLeft: number
}
