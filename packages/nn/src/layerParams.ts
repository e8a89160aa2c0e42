import { describe, DTypeError, ShapeError } from '@gradstream/core'
import { formatShape, shapesEqual, Tensor } from '@gradstream/tensor'

/**
 * The parameters of one dense layer: kernel `w` [inputSize, outputSize] and bias `b` [outputSize].
 * @example const params: DenseParams = { w: tensor([[1], [2]]), b: tensor([0.1]) }
 */
export type DenseParams = { readonly w: Tensor; readonly b: Tensor }

function checkTensorShape(fn: string, path: string, value: unknown, expected: readonly number[]): void {
  if (!(value instanceof Tensor)) throw new DTypeError(fn, `${path} must be a Tensor, got ${describe(value)}`)
  if (!shapesEqual(value.shape, expected)) {
    throw new ShapeError(fn, `${path} must have shape ${formatShape(expected)}, got ${formatShape(value.shape)}`)
  }
}

/** Throws unless `params` (called `path` in messages) holds `w` and `b` of the layer's shapes. */
export function checkDenseParams(
  fn: string,
  path: string,
  params: unknown,
  inputSize: number,
  outputSize: number,
): asserts params is DenseParams {
  if (typeof params !== 'object' || params === null) {
    throw new ShapeError(fn, `${path} must be an object { w, b }, got ${describe(params)}`)
  }
  checkTensorShape(fn, `${path}.w`, 'w' in params ? params.w : undefined, [inputSize, outputSize])
  checkTensorShape(fn, `${path}.b`, 'b' in params ? params.b : undefined, [outputSize])
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
