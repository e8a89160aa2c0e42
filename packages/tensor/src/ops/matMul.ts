import { DTypeError, ShapeError } from '../errors'
import { broadcastShapes, formatShape, sizeOf, stridesOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { kernels } from '../kernels'
import { checkDTypeIn, checkTensor, NUMERIC } from './convert'

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

/** The broadcast batch shape, or a ShapeError naming both full shapes. */
function broadcastBatch(a: Tensor, b: Tensor, aBatch: readonly number[], bBatch: readonly number[]): number[] {
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
 * @example matMul(tensor([[1, 2]]), tensor([[3], [4]])).toArray() // [[11]]
 */
export function matMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  checkTensor('matMul', 'a', a)
  checkTensor('matMul', 'b', b)
  checkDTypeIn('matMul', 'a', a, NUMERIC)
  if (a.dtype !== b.dtype) throw new DTypeError('matMul', `dtypes differ: a is ${a.dtype}, b is ${b.dtype}`)
  if (a.rank < 2 || b.rank < 2) {
    throw new ShapeError(
      'matMul',
      `both operands must have rank >= 2: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`,
    )
  }
  const [aRows, aCols] = a.shape.slice(-2) as [number, number]
  const [bRows, bCols] = b.shape.slice(-2) as [number, number]
  const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols]
  const [k2, n] = transposeB ? [bCols, bRows] : [bRows, bCols]
  if (k !== k2) {
    const detail = transposeA || transposeB ? ` (transposeA ${transposeA}, transposeB ${transposeB})` : ''
    throw new ShapeError(
      'matMul',
      `inner dimensions differ: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}${detail}`,
    )
  }
  const aBatch = a.shape.slice(0, -2)
  const bBatch = b.shape.slice(0, -2)
  const outBatch = broadcastBatch(a, b, aBatch, bBatch)
  const layout = {
    m,
    k,
    n,
    batches: sizeOf(outBatch),
    aBatch: batchIndex(aBatch, outBatch),
    bBatch: batchIndex(bBatch, outBatch),
  }
  const values = kernels.matMul(valuesOf(a), valuesOf(b), transposeA, transposeB, layout)
  const out = fromKernel(values, [...outBatch, m, n], a.dtype)
  record('matMul', [a, b], out, { transposeA, transposeB })
  return out
}
