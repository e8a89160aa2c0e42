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
