import { allocate, checkDType, roundTo } from '../dtype'
import type { DType } from '../dtype'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkTensor } from './argumentChecks'

/**
 * Converts to `dtype`: floats to int32 truncate toward zero, anything to bool
 * is `x != 0`, bool to numbers is 0/1.
 * @example cast(tensor([1.7, -1.7]), 'int32').toArray() // [1, -1]
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkTensor('cast', 'x', x)
  checkDType('cast', dtype)
  const input = valuesOf(x)
  const values = allocate(dtype, x.size)
  for (let i = 0; i < values.length; i++) values[i] = roundTo(dtype, input[i]!)
  const out = fromKernel(values, x.shape, dtype)
  record('cast', [x], out, { dtype })
  return out
}
