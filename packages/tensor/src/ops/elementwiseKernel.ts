import { allocate } from '../dtype'
import type { TypedArray } from '../dtype'
import { ConfigError, DTypeError, ShapeError } from '../errors'
import { formatShape, shapesEqual } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { checkTensor } from './argumentChecks'

/** Fills every array of `outputs` from `inputs`, element by element; all have one length and one type. */
export type ElementwiseKernel = (inputs: readonly TypedArray[], outputs: readonly TypedArray[]) => void

/**
 * Runs an elementwise kernel written outside this package, such as an
 * optimizer's fused update rule, without copying anything: `kernel` reads the
 * storage of `inputs` in place and fills `outputCount` fresh arrays of the
 * same length and type, which become the returned tensors as they are. The
 * inputs must share one shape and one dtype, which the outputs get.
 *
 * `kernel` must only read its inputs: their storage is the tensors' values.
 * Autodiff does not see through a kernel: its outputs are constants, as
 * tensors made from `dataSync()` values would be.
 *
 * @example
 * const [sum, difference] = elementwiseKernel([a, b], 2, ([x, y], [s, d]) => {
 *   for (let i = 0; i < x.length; i++) {
 *     s[i] = x[i]! + y[i]!
 *     d[i] = x[i]! - y[i]!
 *   }
 * })
 */
export function elementwiseKernel(inputs: readonly Tensor[], outputCount: number, kernel: ElementwiseKernel): Tensor[] {
  const first = checkInputs(inputs)
  if (!Number.isInteger(outputCount) || outputCount < 1) {
    throw new ConfigError('elementwiseKernel', `outputCount must be a positive integer, got ${outputCount}`)
  }
  if (typeof kernel !== 'function') {
    throw new ConfigError('elementwiseKernel', `kernel must be a function, got ${typeof kernel}`)
  }
  const storage = new Array<TypedArray>(inputs.length)
  for (let i = 0; i < inputs.length; i++) storage[i] = valuesOf(inputs[i]!)
  const outputs = new Array<TypedArray>(outputCount)
  for (let k = 0; k < outputCount; k++) outputs[k] = allocate(first.dtype, first.size)
  kernel(storage, outputs)
  const results = new Array<Tensor>(outputCount)
  for (let k = 0; k < outputCount; k++) results[k] = fromKernel(outputs[k]!, first.shape, first.dtype)
  return results
}

/** The first input, once every input is a tensor of its shape and dtype. */
function checkInputs(inputs: readonly Tensor[]): Tensor {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ConfigError('elementwiseKernel', 'inputs must be a non-empty array of tensors')
  }
  checkTensor('elementwiseKernel', 'inputs[0]', inputs[0])
  const first = inputs[0]
  for (let i = 1; i < inputs.length; i++) {
    const input = inputs[i]
    checkTensor('elementwiseKernel', `inputs[${i}]`, input)
    if (!shapesEqual(input.shape, first.shape)) {
      throw new ShapeError(
        'elementwiseKernel',
        `inputs[${i}] has shape ${formatShape(input.shape)} but inputs[0] has shape ${formatShape(first.shape)}`,
      )
    }
    if (input.dtype !== first.dtype) {
      throw new DTypeError(
        'elementwiseKernel',
        `inputs[${i}] has dtype ${input.dtype} but inputs[0] has dtype ${first.dtype}`,
      )
    }
  }
  return first
}
