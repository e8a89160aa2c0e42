import { allocate } from '../dtype'
import type { TypedArray } from '../dtype'
import { checkFunction, checkInteger } from '@gradstream/core'
import { ConfigError, DTypeError, ShapeError } from '../errors'
import { formatShape, MAX_ELEMENTS, shapesEqual, sizeOf } from '../shape'
import type { Shape } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { isTracing } from '../tracer'
import { checkTensor } from './argumentChecks'

/** Fills every array of `outputs` from `inputs`, element by element; all have one length and one type. */
export type ElementwiseKernel = (inputs: readonly TypedArray[], outputs: readonly TypedArray[]) => void

/** The most outputs one kernel may fill; more are refused with a ShapeError before anything is allocated. */
export const MAX_KERNEL_OUTPUTS = 1024

/**
 * Runs an elementwise kernel written outside this package, such as an
 * optimizer's fused update rule, without copying anything: `kernel` reads the
 * storage of `inputs` in place and fills `outputCount` fresh, zeroed arrays
 * of the same length and type, which become the returned tensors as they
 * are. The inputs must share one shape and one dtype, which the outputs get.
 *
 * Writing to the inputs' storage is undefined behaviour: it is the tensors'
 * own values, which other tensors (a reshape, a snapshot of training) may
 * share, so a write can change values anywhere.
 *
 * Autodiff cannot see into a kernel, so calling this while a gradient is
 * traced (inside a function given to `grad` or `valueAndGrad`) throws a
 * ConfigError rather than give a gradient of zero: run the kernel outside
 * the differentiated function, or compose the computation from tensor ops.
 *
 * Refused before anything is allocated: more than {@link MAX_KERNEL_OUTPUTS}
 * outputs, or outputs holding more than `MAX_ELEMENTS` elements together
 * (ShapeError).
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
  checkInteger('elementwiseKernel', 'outputCount', outputCount, 1)
  checkFunction('elementwiseKernel', 'kernel', kernel)
  checkOutputSize(outputCount, first.shape)
  if (isTracing()) {
    throw new ConfigError(
      'elementwiseKernel',
      'cannot be differentiated, and a gradient is being traced: its outputs would get a gradient of zero; run it outside the differentiated function, or compose the computation from tensor ops',
    )
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

/** Throws a ShapeError when `count` outputs of `shape` are more than can be allocated at once. */
function checkOutputSize(count: number, shape: Shape): void {
  if (count > MAX_KERNEL_OUTPUTS) {
    throw new ShapeError(
      'elementwiseKernel',
      `outputCount is ${count}, more than the ${MAX_KERNEL_OUTPUTS} outputs one kernel may fill`,
    )
  }
  const total = count * sizeOf(shape)
  if (total > MAX_ELEMENTS) {
    throw new ShapeError(
      'elementwiseKernel',
      `${count} outputs of shape ${formatShape(shape)} hold ${total} elements together, more than a tensor can hold (${MAX_ELEMENTS})`,
    )
  }
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
