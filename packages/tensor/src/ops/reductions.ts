import type { DType } from '../dtype'
import { ShapeError, checkBoolean } from '@gradstream/core'
import type { Primitive } from '../primitives'
import { formatShape, normalizeAxes, normalizeAxis, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { kernels } from '../kernels'
import type { ArgReduceKernelOp, ReduceKernelOp } from '../kernels'
import { div } from './arithmetic'
import { cast } from './cast'
import { BOOL, checkDTypeIn, checkTensor, NUMERIC } from './argumentChecks'
import { fusedSum } from './deferredElementwise'

/** Which axes to reduce: all (undefined), one (negative counts from the end) or several. */
export type Axis = number | readonly number[]

function reducedShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = []
  for (let axis = 0; axis < shape.length; axis++) {
    if (!axes.includes(axis)) out.push(shape[axis]!)
    else if (keepDims) out.push(1)
  }
  return out
}

function reduceOp(op: Primitive & ReduceKernelOp, dtypes: readonly DType[] = NUMERIC) {
  return (x: Tensor, axis?: Axis, keepDims = false): Tensor => {
    checkTensor(op, 'x', x)
    checkDTypeIn(op, 'x', x, dtypes)
    const axes = normalizeAxes(op, axis, x.rank)
    checkBoolean(op, 'keepDims', keepDims)
    if ((op === 'max' || op === 'min') && axes.some((a) => x.shape[a] === 0)) {
      throw new ShapeError(op, `cannot reduce an empty axis of a tensor of shape ${formatShape(x.shape)}`)
    }
    const shape = reducedShape(x.shape, axes, keepDims)
    // The kernel folds in the dtype: 32-bit wrapping products on int32, NaN winning max and min.
    // A pending elementwise result is summed with its expression in one pass, never stored.
    const values =
      (op === 'sum' ? fusedSum(x, axes) : undefined) ?? kernels.reduce(op, valuesOf(x), x.shape, axes, x.dtype)
    const out = fromKernel(values, shape, x.dtype)
    record(op, [x], out, { axes, keepDims })
    return out
  }
}

/**
 * Sum over `axis` (all axes when omitted), accumulated sequentially in the
 * tensor's dtype as TF1's CPU kernel does.
 * @example sum(tensor([[1, 2], [3, 4]]), 0).toArray() // [4, 6]
 */
export const sum = reduceOp('sum')

/** Product over `axis`. @example prod(tensor([2, 3])).item() // 6 */
export const prod = reduceOp('prod')

/** Largest value over `axis`; NaN if any is NaN. @example max(tensor([[1, 5], [3, 2]]), 1).toArray() // [5, 3] */
export const max = reduceOp('max')

/** Smallest value over `axis`; NaN if any is NaN. @example min(tensor([4, 2, 8])).item() // 2 */
export const min = reduceOp('min')

/**
 * True where every value over `axis` is true, TF1's `tf.reduce_all`: bool in,
 * bool out, and true over an empty axis. Not differentiable.
 * @example all(tensor([[true, false], [true, true]]), 1).toArray() // [false, true]
 */
export const all = reduceOp('all', BOOL)

/**
 * True where some value over `axis` is true, TF1's `tf.reduce_any`: bool in,
 * bool out, and false over an empty axis. Not differentiable.
 * @example any(tensor([[true, false], [false, false]]), 1).toArray() // [true, false]
 */
export const any = reduceOp('any', BOOL)

/**
 * Arithmetic mean over `axis`: the sequential sum divided by the count. On
 * int32 the quotient truncates toward zero, as TF's integer mean does.
 * @example mean(tensor([[1, 1], [2, 2]]), 1).toArray() // [1, 2]
 */
export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkTensor('mean', 'x', x)
  checkDTypeIn('mean', 'x', x, NUMERIC)
  const axes = normalizeAxes('mean', axis, x.rank)
  checkBoolean('mean', 'keepDims', keepDims)
  const count = sizeOf(axes.map((a) => x.shape[a]!))
  const total = sum(x, axes, keepDims)
  // int32 div floors, but TF divides like C++ (toward zero); float64 holds every int32 quotient closely enough.
  return x.dtype === 'int32' ? cast(div(cast(total, 'float64'), count), 'int32') : div(total, count)
}

function argReduceOp(op: ArgReduceKernelOp) {
  return (x: Tensor, axis = 0): Tensor => {
    checkTensor(op, 'x', x)
    checkDTypeIn(op, 'x', x, NUMERIC)
    const resolved = normalizeAxis(op, axis, x.rank)
    if (x.shape[resolved] === 0) throw new ShapeError(op, `axis ${axis} is empty`)
    const shape = x.shape.filter((_, i) => i !== resolved)
    const out = fromKernel(kernels.argReduce(op, valuesOf(x), x.shape, resolved), shape, 'int32' satisfies DType)
    record(op, [x], out, { axis: resolved })
    return out
  }
}

/** Index of the largest value along `axis` (default 0), first on ties, as int32. */
export const argMax = argReduceOp('argMax')

/** Index of the smallest value along `axis` (default 0), first on ties, as int32. */
export const argMin = argReduceOp('argMin')
