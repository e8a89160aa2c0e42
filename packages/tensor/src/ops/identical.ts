import { shapesEqual } from '../shape'
import { valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { checkTensor } from './argumentChecks'

/**
 * True when `a` and `b` have the same dtype, the same shape and the same
 * values bit for bit (so NaN matches NaN, and 0 does not match -0). Reads the
 * values in place, without copying: cheap enough to ask every training step
 * whether a parameter changed.
 * @example identical(tensor([1, NaN]), tensor([1, NaN])) // true
 */
export function identical(a: Tensor, b: Tensor): boolean {
  checkTensor('identical', 'a', a)
  checkTensor('identical', 'b', b)
  if (a === b) return true
  if (a.dtype !== b.dtype || !shapesEqual(a.shape, b.shape)) return false
  const x = valuesOf(a)
  const y = valuesOf(b)
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i] && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return false
    if (x[i] === 0 && !Object.is(x[i], y[i])) return false
  }
  return true
}
