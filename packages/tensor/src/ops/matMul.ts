import { checkBoolean } from '@gradstream/core'
import { ConfigError, DTypeError, ShapeError } from '../errors'
import { broadcastShapes, checkElementCount, formatShape, sizeOf, stridesOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { kernels } from '../kernels'
import type { MatMulLayout } from '../kernels'
import { checkDTypeIn, checkTensor, NUMERIC } from './argumentChecks'
import { reshape } from './reshape'

/** For each output batch, the index of the input batch broadcasting maps to it. */
function batchIndex(batchShape: readonly number[], outBatch: readonly number[]): (batch: number) => number {
  const strides = stridesOf(batchShape)
  const outStrides = stridesOf(outBatch)
  const offset = outBatch.length - batchShape.length
  return (batch) => {
    let index = 0
    for (let axis = 0; axis < batchShape.length; axis++) {
      const coordinate = Math.floor(batch / outStrides[axis + offset]!) % outBatch[axis + offset]!
      index += batchShape[axis] === 1 ? 0 : coordinate * strides[axis]!
    }
    return index
  }
}

const NO_BATCH: readonly number[] = []
const firstBatch = () => 0

/** [m, k, n] of the product, or a ShapeError when the inner dimensions differ. */
function productDims(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): [number, number, number] {
  const { shape: aShape, rank: aRank } = a
  const { shape: bShape, rank: bRank } = b
  const m = aShape[aRank - (transposeA ? 1 : 2)]!
  const k = aShape[aRank - (transposeA ? 2 : 1)]!
  const k2 = bShape[bRank - (transposeB ? 1 : 2)]!
  const n = bShape[bRank - (transposeB ? 2 : 1)]!
  if (k !== k2) {
    const detail = transposeA || transposeB ? ` (transposeA ${transposeA}, transposeB ${transposeB})` : ''
    throw new ShapeError(
      'matMul',
      `inner dimensions differ: a is ${formatShape(aShape)}, b is ${formatShape(bShape)}${detail}`,
    )
  }
  return [m, k, n]
}

/** The broadcast batch shape, or a ShapeError naming both full shapes. */
function broadcastBatch(a: Tensor, b: Tensor, aBatch: readonly number[], bBatch: readonly number[]): readonly number[] {
  const offset = bBatch.length - aBatch.length
  const fits = aBatch.every((d, i) => {
    const e = bBatch[i + offset]
    return e === undefined || d === e || d === 1 || e === 1
  })
  if (!fits) {
    throw new ShapeError(
      'matMul',
      `batch dimensions do not broadcast: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`,
    )
  }
  return broadcastShapes('matMul', aBatch, bBatch)
}

/**
 * Matrix product of `a` [..., m, k] and `b` [..., k, n], optionally
 * transposing the last two axes of either first; leading (batch) axes
 * broadcast. Each output element is a sequential sum over k, as in TF1.
 *
 * A rank-1 operand is a vector, as in numpy's `matmul` and `tf.linalg.matvec`:
 * `a` [k] is taken as the row [1, k] and `b` [k] as the column [k, 1], and
 * the added axis is dropped from the result, so [k]·[k, n] is [n],
 * [..., m, k]·[k] is [..., m] and [k]·[k] is a scalar. A vector has no
 * orientation, so its transpose flag must stay false.
 *
 * @example matMul(tensor([[1, 2]]), tensor([[3], [4]])).toArray() // [[11]]
 * @example matMul(tensor([[1, 2], [3, 4]]), tensor([1, 1])).toArray() // [3, 7]
 */
export function matMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  checkTensor('matMul', 'a', a)
  checkTensor('matMul', 'b', b)
  checkBoolean('matMul', 'transposeA', transposeA)
  checkBoolean('matMul', 'transposeB', transposeB)
  checkDTypeIn('matMul', 'a', a, NUMERIC)
  if (a.dtype !== b.dtype) throw new DTypeError('matMul', `dtypes differ: a is ${a.dtype}, b is ${b.dtype}`)
  if (a.rank < 1 || b.rank < 1) {
    throw new ShapeError(
      'matMul',
      `both operands must have rank >= 1: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`,
    )
  }
  if (a.rank === 1 || b.rank === 1) return vectorProduct(a, b, transposeA, transposeB)
  return matrixProduct(a, b, transposeA, transposeB)
}

/** A product with a vector operand: promoted to a matrix, multiplied, and the added axis dropped again. */
function vectorProduct(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  if (a.rank === 1 && transposeA) throw new ConfigError('matMul', 'transposeA must be false when a is a vector')
  if (b.rank === 1 && transposeB) throw new ConfigError('matMul', 'transposeB must be false when b is a vector')
  const k = a.shape[a.rank - (transposeA ? 2 : 1)]!
  const k2 = b.shape[b.rank === 1 ? 0 : b.rank - (transposeB ? 1 : 2)]!
  if (k !== k2) {
    throw new ShapeError(
      'matMul',
      `inner dimensions differ: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`,
    )
  }
  const rowA = a.rank === 1 ? reshape(a, [1, k]) : a
  const columnB = b.rank === 1 ? reshape(b, [k, 1]) : b
  const product = matrixProduct(rowA, columnB, transposeA, transposeB)
  const shape = product.shape.slice(0, -2)
  if (a.rank > 1) shape.push(product.shape[product.rank - 2]!)
  if (b.rank > 1) shape.push(product.shape[product.rank - 1]!)
  return reshape(product, shape)
}

/** The product of operands of rank >= 2 whose dtypes were checked: the matMul primitive. */
function matrixProduct(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  const [m, k, n] = productDims(a, b, transposeA, transposeB)
  const outBatch =
    a.rank === 2 && b.rank === 2 ? NO_BATCH : broadcastBatch(a, b, a.shape.slice(0, -2), b.shape.slice(0, -2))
  checkElementCount('matMul', [...outBatch, m, n])
  const layout: MatMulLayout = {
    m,
    k,
    n,
    transposeA,
    transposeB,
    batches: sizeOf(outBatch),
    aBatch: a.rank === 2 ? firstBatch : batchIndex(a.shape.slice(0, -2), outBatch),
    bBatch: b.rank === 2 ? firstBatch : batchIndex(b.shape.slice(0, -2), outBatch),
  }
  const values = kernels.matMul(valuesOf(a), valuesOf(b), layout)
  const out = fromKernel(values, [...outBatch, m, n], a.dtype)
  record('matMul', [a, b], out, { transposeA, transposeB })
  return out
}
