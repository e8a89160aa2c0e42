import {
  ConfigError,
  DTypeError,
  ShapeError,
  StructureError,
  checkFinite,
  checkInteger,
  describe,
} from '@gradstream/core'
import { allocate, checkDType, dtypeOfStorage, roundTo } from './dtype'
import type { DType, TypedArray } from './dtype'
import { checkHolds, checkTensor, notInt32Error } from './ops/argumentChecks'
import { checkElementCount, checkShape, formatShape, shapesEqual, sizeOf, stridesOf } from './shape'
import { fromKernel } from './tensor'
import type { NestedArray, Tensor } from './tensor'

/** Anything `tensor()` accepts: a number, a boolean, nested arrays of them, or a typed array with a shape. */
export type TensorLike = NestedArray | TypedArray

/**
 * How deeply `tensor()` follows nested arrays: far beyond any real tensor's
 * rank (numpy allows 64 axes), and shallow enough that a cyclic or absurdly
 * deep input fails with a StructureError instead of overflowing the stack.
 */
const MAX_NESTING = 64

/** The shape of nested arrays, or a ShapeError for ragged ones, a StructureError for cyclic or too deep ones. */
function inferShape(fn: string, values: NestedArray, path: string, ancestors: Set<unknown>): number[] {
  if (!Array.isArray(values)) return []
  if (ancestors.has(values)) throw new StructureError(fn, `values${path} contains itself (a cycle)`)
  if (ancestors.size === MAX_NESTING) throw new StructureError(fn, `values nest deeper than ${MAX_NESTING} levels`)
  const rows = values as readonly NestedArray[]
  if (rows.length === 0) return [0]
  ancestors.add(values)
  const inner = inferShape(fn, rows[0]!, `${path}[0]`, ancestors)
  for (let i = 1; i < rows.length; i++) {
    const shape = inferShape(fn, rows[i]!, `${path}[${i}]`, ancestors)
    if (!shapesEqual(shape, inner)) {
      throw new ShapeError(
        fn,
        `ragged nested array: values${path}[${i}] has shape ${formatShape(shape)}, values${path}[0] has ${formatShape(inner)}`,
      )
    }
  }
  ancestors.delete(values)
  return [rows.length, ...inner]
}

// dtypeOfStorage reads every other typed array (Int16Array, Uint8ClampedArray...) as bool; refuse to guess.
function inferStorageDType(fn: string, values: TypedArray): DType {
  const known = [Float32Array, Float64Array, Int32Array, Uint8Array].some((type) => values.constructor === type)
  if (!known) throw new DTypeError(fn, `cannot infer a dtype from ${values.constructor.name}; pass one`)
  return dtypeOfStorage(values)
}

// Depth is bounded: inferShape has walked the same arrays first.
function flatten(values: NestedArray, out: unknown[]): void {
  if (Array.isArray(values)) for (const v of values as readonly NestedArray[]) flatten(v, out)
  else out.push(values)
}

/** `values[1][2]` for flat index 5 of a [2, 3] array: where a bad value sits in the caller's input. */
function nestedPath(index: number, shape: readonly number[]): string {
  const strides = stridesOf(shape)
  return 'values' + strides.map((stride, axis) => `[${Math.floor(index / stride) % shape[axis]!}]`).join('')
}

/**
 * Makes a tensor from nested arrays, a number or boolean, or a typed array
 * with a shape. Values are copied; the dtype defaults to `float32` for
 * numbers, `bool` for booleans and the typed array's own type otherwise.
 * An int32 tensor takes only values int32 holds exactly (integers in
 * [-2³¹, 2³¹)); anything else is a DTypeError naming the value's place, so
 * nothing is truncated or wrapped unseen (use `cast` to truncate).
 *
 * @example
 * tensor([[1, 2], [3, 4]]).shape             // [2, 2]
 * tensor(new Float32Array(6), [2, 3]).shape  // [2, 3]
 * tensor([1, 2], undefined, 'int32').dtype    // 'int32'
 */
export function tensor(values: TensorLike, shape?: readonly number[], dtype?: DType): Tensor {
  return makeTensor('tensor', values, shape, dtype)
}

function makeTensor(fn: string, values: TensorLike, shape?: readonly number[], dtype?: DType): Tensor {
  if (dtype !== undefined) checkDType(fn, dtype)
  if (shape !== undefined) checkShape(fn, shape)
  if (ArrayBuffer.isView(values)) {
    if ((values as unknown) instanceof DataView) {
      throw new DTypeError(fn, 'values must be numbers, booleans, nested arrays or a typed array, got a DataView')
    }
    const resolved = dtype ?? inferStorageDType(fn, values)
    const target = shape ?? [values.length]
    checkShape(fn, target)
    if (sizeOf(target) !== values.length) {
      throw new ShapeError(fn, `shape ${formatShape(target)} needs ${sizeOf(target)} values, got ${values.length}`)
    }
    // Storage of the target dtype already holds rounded values: copy it whole.
    if (dtypeOfStorage(values) === resolved && resolved !== 'bool') return fromKernel(values.slice(), target, resolved)
    const at = (i: number) => `values[${i}]`
    return fromValues(fn, Array.from(values), target, resolved, at)
  }
  const inferred = inferShape(fn, values, '', new Set())
  const flat: unknown[] = []
  flatten(values, flat)
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i]
    if (typeof v !== 'number' && typeof v !== 'boolean') {
      const where = inferred.length === 0 ? 'value' : nestedPath(i, inferred)
      throw new DTypeError(fn, `${where} must be a number or a boolean, got ${describe(v)}`)
    }
  }
  const resolved = dtype ?? (flat.length > 0 && typeof flat[0] === 'boolean' ? 'bool' : 'float32')
  const target = shape ?? inferred
  checkShape(fn, target)
  if (sizeOf(target) !== flat.length) {
    throw new ShapeError(
      fn,
      `shape ${formatShape(target)} needs ${sizeOf(target)} values, got ${flat.length} (data shape ${formatShape(inferred)})`,
    )
  }
  const at = (i: number) => (inferred.length === 0 ? 'value' : nestedPath(i, inferred))
  return fromValues(fn, flat.map(Number), target, resolved, at)
}

/** Storage of `dtype` filled from `values`; `at(i)` names value i in an error. */
function fromValues(
  fn: string,
  values: readonly number[],
  shape: readonly number[],
  dtype: DType,
  at: (index: number) => string,
): Tensor {
  const storage = allocate(dtype, values.length)
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!
    if (dtype === 'int32' && x !== (x | 0)) throw notInt32Error(fn, at(i), x)
    storage[i] = roundTo(dtype, x)
  }
  return fromKernel(storage, shape, dtype)
}

/** A rank-0 tensor. @example scalar(3).shape // [] */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return makeTensor('scalar', value, [], dtype)
}

/**
 * A tensor of `shape` with every element `value` (a number or a boolean).
 * @example fill([2], 7).toArray() // [7, 7]
 */
export function fill(shape: readonly number[], value: number | boolean, dtype: DType = 'float32'): Tensor {
  return filled('fill', shape, value, dtype)
}

function filled(fn: string, shape: readonly number[], value: number | boolean, dtype: DType): Tensor {
  checkShape(fn, shape)
  checkDType(fn, dtype)
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ConfigError(fn, `value must be a number or a boolean, got ${describe(value)}`)
  }
  const x = Number(value)
  checkHolds(fn, 'value', x, dtype)
  const storage = allocate(dtype, sizeOf(shape))
  storage.fill(roundTo(dtype, x))
  return fromKernel(storage, shape, dtype)
}

/** @example zeros([2, 2]).toArray() // [[0, 0], [0, 0]] */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('zeros', shape, 0, dtype)
}

/** @example ones([2]).toArray() // [1, 1] */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('ones', shape, 1, dtype)
}

/** Zeros with the shape and dtype of `x`. @example zerosLike(ones([2], 'int32')).toArray() // [0, 0] */
export function zerosLike(x: Tensor): Tensor {
  checkTensor('zerosLike', 'x', x)
  return filled('zerosLike', x.shape, 0, x.dtype)
}

/** Ones with the shape and dtype of `x`. @example onesLike(zeros([2])).toArray() // [1, 1] */
export function onesLike(x: Tensor): Tensor {
  checkTensor('onesLike', 'x', x)
  return filled('onesLike', x.shape, 1, x.dtype)
}

/**
 * Values from `start` up to but not including `stop`, `step` apart (numpy's `arange`).
 * @example range(0, 5, 2).toArray() // [0, 2, 4]
 */
export function range(start: number, stop: number, step = 1, dtype: DType = 'float32'): Tensor {
  checkDType('range', dtype)
  checkFinite('range', 'start', start)
  checkFinite('range', 'stop', stop)
  checkFinite('range', 'step', step)
  if (step === 0) throw new ConfigError('range', 'step must not be 0')
  const length = Math.max(0, Math.ceil((stop - start) / step))
  checkElementCount('range', [length])
  const at = (i: number) => `element ${i}`
  return fromValues(
    'range',
    Array.from({ length }, (_, i) => start + i * step),
    [length],
    dtype,
    at,
  )
}

/**
 * `count` evenly spaced values from `start` to `stop`, both included.
 * @example linspace(0, 1, 3).toArray() // [0, 0.5, 1]
 */
export function linspace(start: number, stop: number, count: number, dtype: DType = 'float32'): Tensor {
  checkDType('linspace', dtype)
  checkFinite('linspace', 'start', start)
  checkFinite('linspace', 'stop', stop)
  if (typeof count === 'number') checkElementCount('linspace', [count])
  checkInteger('linspace', 'count', count, 0)
  const step = count > 1 ? (stop - start) / (count - 1) : 0
  const at = (i: number) => `element ${i}`
  return fromValues(
    'linspace',
    Array.from({ length: count }, (_, i) => (i === count - 1 && count > 1 ? stop : start + i * step)),
    [count],
    dtype,
    at,
  )
}

/**
 * The `n` × `m` identity matrix (ones on the diagonal).
 * @example eye(2).toArray() // [[1, 0], [0, 1]]
 */
export function eye(n: number, m: number = n, dtype: DType = 'float32'): Tensor {
  checkShape('eye', [n, m])
  checkDType('eye', dtype)
  const storage = allocate(dtype, n * m)
  for (let i = 0; i < Math.min(n, m); i++) storage[i * m + i] = 1
  return fromKernel(storage, [n, m], dtype)
}
