import { allocate, dtypeOfStorage, isDType, roundTo } from './dtype'
import type { DType, TypedArray } from './dtype'
import { ConfigError, DTypeError, ShapeError } from './errors'
import { checkTensor } from './ops/convert'
import { checkShape, formatShape, sizeOf } from './shape'
import { fromKernel } from './tensor'
import type { NestedArray, Tensor } from './tensor'

/** Anything `tensor()` accepts: a number, a boolean, nested arrays of them, or a typed array with a shape. */
export type TensorLike = NestedArray | TypedArray

function checkDType(fn: string, dtype: unknown): asserts dtype is DType {
  if (!isDType(dtype)) throw new DTypeError(fn, `unknown dtype ${JSON.stringify(dtype)}`)
}

function inferShape(values: NestedArray, path: string): number[] {
  if (!Array.isArray(values)) return []
  const rows = values as readonly NestedArray[]
  if (rows.length === 0) return [0]
  const inner = inferShape(rows[0]!, `${path}[0]`)
  rows.forEach((row, i) => {
    const shape = inferShape(row, `${path}[${i}]`)
    if (shape.length !== inner.length || shape.some((d, k) => d !== inner[k])) {
      throw new ShapeError(
        'tensor',
        `ragged nested array: values${path}[${i}] has shape ${formatShape(shape)}, values${path}[0] has ${formatShape(inner)}`,
      )
    }
  })
  return [rows.length, ...inner]
}

// dtypeOfStorage reads every other typed array (Int16Array, Uint8ClampedArray...) as bool; refuse to guess.
function inferStorageDType(values: TypedArray): DType {
  const known = [Float32Array, Float64Array, Int32Array, Uint8Array].some((type) => values.constructor === type)
  if (!known) throw new DTypeError('tensor', `cannot infer a dtype from ${values.constructor.name}; pass one`)
  return dtypeOfStorage(values)
}

function flatten(values: NestedArray, out: (number | boolean)[]): void {
  if (Array.isArray(values)) for (const v of values as readonly NestedArray[]) flatten(v, out)
  else out.push(values as number | boolean)
}

/**
 * Makes a tensor from nested arrays, a number or boolean, or a typed array
 * with a shape. Values are copied; the dtype defaults to `float32` for
 * numbers, `bool` for booleans and the typed array's own type otherwise.
 *
 * @example
 * tensor([[1, 2], [3, 4]]).shape             // [2, 2]
 * tensor(new Float32Array(6), [2, 3]).shape  // [2, 3]
 * tensor([1, 2], undefined, 'int32').dtype    // 'int32'
 */
export function tensor(values: TensorLike, shape?: readonly number[], dtype?: DType): Tensor {
  if (dtype !== undefined) checkDType('tensor', dtype)
  if (ArrayBuffer.isView(values)) {
    const resolved = dtype ?? inferStorageDType(values)
    const target = shape ?? [values.length]
    checkShape('tensor', target)
    if (sizeOf(target) !== values.length) {
      throw new ShapeError(
        'tensor',
        `shape ${formatShape(target)} needs ${sizeOf(target)} values, got ${values.length}`,
      )
    }
    // Storage of the target dtype already holds rounded values: copy it whole.
    if (dtypeOfStorage(values) === resolved && resolved !== 'bool') return fromKernel(values.slice(), target, resolved)
    return fromValues(Array.from(values), target, resolved)
  }
  const inferred = inferShape(values, '')
  const flat: (number | boolean)[] = []
  flatten(values, flat)
  for (const v of flat) {
    if (typeof v !== 'number' && typeof v !== 'boolean') {
      throw new DTypeError('tensor', `values must be numbers or booleans, got ${typeof v}`)
    }
  }
  const resolved = dtype ?? (flat.length > 0 && typeof flat[0] === 'boolean' ? 'bool' : 'float32')
  const target = shape ?? inferred
  checkShape('tensor', target)
  if (sizeOf(target) !== flat.length) {
    throw new ShapeError(
      'tensor',
      `shape ${formatShape(target)} needs ${sizeOf(target)} values, got ${flat.length} (data shape ${formatShape(inferred)})`,
    )
  }
  return fromValues(flat.map(Number), target, resolved)
}

function fromValues(values: readonly number[], shape: readonly number[], dtype: DType): Tensor {
  const storage = allocate(dtype, values.length)
  for (let i = 0; i < values.length; i++) storage[i] = roundTo(dtype, values[i]!)
  return fromKernel(storage, shape, dtype)
}

/** A rank-0 tensor. @example scalar(3).shape // [] */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return tensor(value, [], dtype)
}

/** A tensor of `shape` with every element `value`. @example fill([2], 7).toArray() // [7, 7] */
export function fill(shape: readonly number[], value: number | boolean, dtype: DType = 'float32'): Tensor {
  checkShape('fill', shape)
  checkDType('fill', dtype)
  const storage = allocate(dtype, sizeOf(shape))
  storage.fill(roundTo(dtype, Number(value)))
  return fromKernel(storage, shape, dtype)
}

/** @example zeros([2, 2]).toArray() // [[0, 0], [0, 0]] */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 0, dtype)
}

/** @example ones([2]).toArray() // [1, 1] */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 1, dtype)
}

/** Zeros with the shape and dtype of `x`. */
export function zerosLike(x: Tensor): Tensor {
  checkTensor('zerosLike', 'x', x)
  return fill(x.shape, 0, x.dtype)
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: Tensor): Tensor {
  checkTensor('onesLike', 'x', x)
  return fill(x.shape, 1, x.dtype)
}

/**
 * Values from `start` up to but not including `stop`, `step` apart (numpy's `arange`).
 * @example range(0, 5, 2).toArray() // [0, 2, 4]
 */
export function range(start: number, stop: number, step = 1, dtype: DType = 'float32'): Tensor {
  checkDType('range', dtype)
  for (const [name, value] of Object.entries({ start, stop, step })) {
    if (!Number.isFinite(value)) throw new ConfigError('range', `${name} must be a finite number, got ${value}`)
  }
  if (step === 0) throw new ConfigError('range', 'step must not be 0')
  const length = Math.max(0, Math.ceil((stop - start) / step))
  return fromValues(
    Array.from({ length }, (_, i) => start + i * step),
    [length],
    dtype,
  )
}

/**
 * `count` evenly spaced values from `start` to `stop`, both included.
 * @example linspace(0, 1, 3).toArray() // [0, 0.5, 1]
 */
export function linspace(start: number, stop: number, count: number, dtype: DType = 'float32'): Tensor {
  checkDType('linspace', dtype)
  if (!Number.isInteger(count) || count < 0) {
    throw new ConfigError('linspace', `count must be a non-negative integer, got ${count}`)
  }
  const step = count > 1 ? (stop - start) / (count - 1) : 0
  return fromValues(
    Array.from({ length: count }, (_, i) => (i === count - 1 && count > 1 ? stop : start + i * step)),
    [count],
    dtype,
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
