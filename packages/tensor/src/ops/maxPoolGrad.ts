import { ShapeError } from '../errors'
import { kernels } from '../kernels'
import { checkShape, formatShape, shapesEqual, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkDTypeIn, checkTensor, FLOAT } from './argumentChecks'

const INT32 = ['int32'] as const

/**
 * The gradient of {@link maxPool} with respect to its input, from where the
 * maxima were, TF1's MaxPoolGradWithArgmax: zeros of `inputShape` with each
 * element of `dy` added at its flat index in `argmax` (int32, `dy`'s shape),
 * in order, so overlapping windows that share a maximum add up as in TF1's
 * MaxPoolGrad. Autodiff calls it with the indices maxPool found; its own
 * gradient gathers at the same indices (TF's MaxPoolGradGrad).
 *
 * @example
 * const dy = tensor([5], [1, 1, 1, 1])
 * maxPoolGrad(dy, tensor([3], [1, 1, 1, 1], 'int32'), [1, 2, 2, 1]).toFlatArray() // [0, 0, 0, 5]
 */
export function maxPoolGrad(dy: Tensor, argmax: Tensor, inputShape: readonly number[]): Tensor {
  checkTensor('maxPoolGrad', 'dy', dy)
  checkDTypeIn('maxPoolGrad', 'dy', dy, FLOAT)
  checkTensor('maxPoolGrad', 'argmax', argmax)
  checkDTypeIn('maxPoolGrad', 'argmax', argmax, INT32)
  if (!shapesEqual(argmax.shape, dy.shape)) {
    throw new ShapeError(
      'maxPoolGrad',
      `argmax must have the shape of dy ${formatShape(dy.shape)}, got ${formatShape(argmax.shape)}`,
    )
  }
  checkShape('maxPoolGrad', inputShape)
  const size = sizeOf(inputShape)
  const indices = valuesOf(argmax)
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!
    if (index < 0 || index >= size) throw new ShapeError('maxPoolGrad', `argmax holds ${index}, outside [0, ${size})`)
  }
  const shape = [...inputShape]
  const out = fromKernel(kernels.maxPoolGrad(valuesOf(dy), indices, size, dy.dtype), shape, dy.dtype)
  record('maxPoolGrad', [dy, argmax], out, { inputShape: shape })
  return out
}
