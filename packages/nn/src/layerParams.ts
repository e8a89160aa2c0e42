import { childPath, describe, DTypeError, isPlainObject, ShapeError, StructureError } from '@gradstream/core'
import { formatShape, isFloatDType, shapesEqual, Tensor } from '@gradstream/tensor'

/**
 * The parameters of one dense layer: kernel `w` [inputSize, outputSize] and bias `b` [outputSize].
 * @example const params: DenseParams = { w: tensor([[1], [2]]), b: tensor([0.1]) }
 */
export type DenseParams = { readonly w: Tensor; readonly b: Tensor }

/**
 * The parameters of a layer made with `useBias: false`: the kernel `w` alone.
 * @example const params: KernelParams = { w: tensor([[1], [2]]) }
 */
export type KernelParams = { readonly w: Tensor }

function checkTensorShape(fn: string, path: string, value: unknown, expected: readonly number[]): void {
  if (!(value instanceof Tensor)) throw new DTypeError(fn, `${path} must be a Tensor, got ${describe(value)}`)
  if (!shapesEqual(value.shape, expected)) {
    throw new ShapeError(fn, `${path} must have shape ${formatShape(expected)}, got ${formatShape(value.shape)}`)
  }
}

/**
 * Throws unless `params` (called `path` in messages) holds `w` [inputSize, outputSize]
 * and, when `useBias`, `b` [outputSize].
 */
export function checkDenseParams(
  fn: string,
  path: string,
  params: unknown,
  inputSize: number,
  outputSize: number,
  useBias = true,
): asserts params is KernelParams {
  if (typeof params !== 'object' || params === null) {
    throw new ShapeError(fn, `${path} must be an object ${useBias ? '{ w, b }' : '{ w }'}, got ${describe(params)}`)
  }
  checkTensorShape(fn, `${path}.w`, 'w' in params ? params.w : undefined, [inputSize, outputSize])
  if (useBias) checkTensorShape(fn, `${path}.b`, 'b' in params ? params.b : undefined, [outputSize])
}

/**
 * Throws unless `value` (called `path` in messages) is a plain object holding
 * exactly one tensor per entry of `shapes`, each of that shape: a StructureError
 * for a missing or extra entry, a DTypeError for a non-tensor, a ShapeError for a wrong shape.
 */
export function checkTensorRecord<K extends string>(
  fn: string,
  path: string,
  value: unknown,
  shapes: Readonly<Record<K, readonly number[]>>,
): asserts value is { readonly [key in K]: Tensor } {
  const names: readonly string[] = Object.keys(shapes)
  const expected = names.length === 0 ? '{}' : `{ ${names.join(', ')} }`
  if (!isPlainObject(value))
    throw new StructureError(fn, `${path} must be an object ${expected}, got ${describe(value)}`)
  for (const key of Object.keys(value)) {
    if (!names.includes(key)) {
      throw new StructureError(fn, `${childPath(path, key)} is not expected; ${path} is ${expected}`)
    }
  }
  for (const [name, shape] of Object.entries<readonly number[]>(shapes)) {
    if (!(name in value)) throw new StructureError(fn, `${childPath(path, name)} is missing; ${path} is ${expected}`)
    checkTensorShape(fn, childPath(path, name), value[name], shape)
  }
}

/** Throws unless `x` is a Tensor of rank >= 2 whose last axis is `lastSize`; `layout` names the axes in messages. */
export function checkLastAxis(fn: string, x: unknown, lastSize: number, layout: string): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new DTypeError(fn, `x must be a Tensor, got ${describe(x)}`)
  if (x.rank < 2 || x.shape[x.rank - 1] !== lastSize) {
    throw new ShapeError(fn, `x must have shape ${layout}, got ${formatShape(x.shape)}`)
  }
}

/** Throws unless `x` is a [batch, inputSize] Tensor. */
export function checkInput(fn: string, x: unknown, inputSize: number): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new DTypeError(fn, `x must be a Tensor, got ${describe(x)}`)
  if (x.rank !== 2 || x.shape[1] !== inputSize) {
    throw new ShapeError(fn, `x must have shape [batch, ${inputSize}], got ${formatShape(x.shape)}`)
  }
}

/** Calls `initializer` and checks that it made a tensor of `shape`. */
export function initTensor(
  fn: string,
  name: string,
  initializer: (shape: readonly number[], seed?: number) => Tensor,
  shape: readonly number[],
  seed: number | undefined,
): Tensor {
  const value = initializer(shape, seed)
  checkTensorShape(fn, `${name} result`, value, shape)
  return value
}

/** Throws unless `x` is a Tensor of rank >= `leastRank`; `layout` names the axes in messages. */
export function checkTensorInput(fn: string, x: unknown, leastRank: number, layout: string): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new DTypeError(fn, `x must be a Tensor, got ${describe(x)}`)
  if (x.rank < leastRank) throw new ShapeError(fn, `x must have shape ${layout}, got ${formatShape(x.shape)}`)
}

/**
 * Throws unless `x` is a float32 or float64 Tensor of rank >= `leastRank`
 * whose last axis, when `lastSize` is given, has that length; `layout` names the axes in messages.
 */
export function checkFloatInput(
  fn: string,
  x: unknown,
  leastRank: number,
  layout: string,
  lastSize?: number,
): asserts x is Tensor {
  checkTensorInput(fn, x, leastRank, layout)
  if (!isFloatDType(x.dtype)) throw new DTypeError(fn, `x must have dtype float32 or float64, got ${x.dtype}`)
  if (lastSize !== undefined && x.shape[x.rank - 1] !== lastSize) {
    throw new ShapeError(fn, `x must have shape ${layout}, got ${formatShape(x.shape)}`)
  }
}
