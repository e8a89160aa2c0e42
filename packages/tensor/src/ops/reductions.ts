import type { DType } from '../dtype'
import { ShapeError } from '../errors'
import type { Primitive } from '../primitives'
import { normalizeAxes, normalizeAxis, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { argReduceKernel, reduceKernel } from '../kernels/reduce'
import type { Reducer } from '../kernels/reduce'
import { div } from './arithmetic'
import { cast } from './cast'
import { checkDTypeIn, checkTensor, NUMERIC } from './convert'

/** Which axes to reduce: all (undefined), one (negative counts from the end) or several. */
export type Axis = number | readonly number[]

const REDUCERS = {
  sum: { initial: 0, accumulate: (acc, x) => acc + x },
  prod: { initial: 1, accumulate: (acc, x) => acc * x },
  // NaN propagates, as in numpy: once acc is NaN, no comparison replaces it.
  max: { initial: -Infinity, accumulate: (acc, x) => (x > acc || Number.isNaN(x) ? x : acc) },
  min: { initial: Infinity, accumulate: (acc, x) => (x < acc || Number.isNaN(x) ? x : acc) },
} satisfies Record<string, Reducer>

// The accumulator lives in int32 storage, which holds no ±Infinity (they store as 0), so max and min
// start from the int32 extremes; products wrap like 32-bit multiplication, which a double product
// would get wrong past 2 ** 53.
const INT32_REDUCERS = {
  ...REDUCERS,
  prod: { initial: 1, accumulate: Math.imul },
  max: { ...REDUCERS.max, initial: -2147483648 },
  min: { ...REDUCERS.min, initial: 2147483647 },
} satisfies Record<string, Reducer>

function reducedShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i))
}

function reduceOp(op: Primitive & keyof typeof REDUCERS) {
  return (x: Tensor, axis?: Axis, keepDims = false): Tensor => {
    checkTensor(op, 'x', x)
    checkDTypeIn(op, 'x', x, NUMERIC)
    const axes = normalizeAxes(op, axis, x.rank)
    if ((op === 'max' || op === 'min') && axes.some((a) => x.shape[a] === 0)) {
      throw new ShapeError(op, `cannot reduce an empty axis of a tensor of shape [${x.shape.join(', ')}]`)
    }
    const shape = reducedShape(x.shape, axes, keepDims)
    const reducer = (x.dtype === 'int32' ? INT32_REDUCERS : REDUCERS)[op]
    const values = reduceKernel(reducer, valuesOf(x), x.shape, axes, x.dtype)
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
 * Arithmetic mean over `axis`: the sequential sum divided by the count. On
 * int32 the quotient truncates toward zero, as TF's integer mean does.
 * @example mean(tensor([[1, 1], [2, 2]]), 1).toArray() // [1, 2]
 */
export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkTensor('mean', 'x', x)
  checkDTypeIn('mean', 'x', x, NUMERIC)
  const axes = normalizeAxes('mean', axis, x.rank)
  const count = sizeOf(axes.map((a) => x.shape[a]!))
  const total = sum(x, axes, keepDims)
  // int32 div floors, but TF divides like C++ (toward zero); float64 holds every int32 quotient closely enough.
  return x.dtype === 'int32' ? cast(div(cast(total, 'float64'), count), 'int32') : div(total, count)
}

function argReduceOp(op: 'argMax' | 'argMin', better: (candidate: number, best: number) => boolean) {
  return (x: Tensor, axis = 0): Tensor => {
    checkTensor(op, 'x', x)
    checkDTypeIn(op, 'x', x, NUMERIC)
    const resolved = normalizeAxis(op, axis, x.rank)
    if (x.shape[resolved] === 0) throw new ShapeError(op, `axis ${axis} is empty`)
    const shape = x.shape.filter((_, i) => i !== resolved)
    const out = fromKernel(argReduceKernel(better, valuesOf(x), x.shape, resolved), shape, 'int32' satisfies DType)
    record(op, [x], out, { axis: resolved })
    return out
  }
}

/** Index of the largest value along `axis` (default 0), first on ties, as int32. */
export const argMax = argReduceOp('argMax', (candidate, best) => candidate > best)

/** Index of the smallest value along `axis` (default 0), first on ties, as int32. */
export const argMin = argReduceOp('argMin', (candidate, best) => candidate < best)
