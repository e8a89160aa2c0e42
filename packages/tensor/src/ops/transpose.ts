import { ShapeError, describe } from '@gradstream/core'
import { formatShape } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { kernels } from '../kernels'
import { checkTensor } from './argumentChecks'

/**
 * Permutes the axes: output axis i is input axis `perm[i]` (default: reversed).
 * @example transpose(tensor([[1, 2, 3]])).shape // [3, 1]
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  checkTensor('transpose', 'x', x)
  if (perm !== undefined && !Array.isArray(perm)) {
    throw new ShapeError('transpose', `perm must be an array of axes, got ${describe(perm)}`)
  }
  const resolved = perm ?? x.shape.map((_, i) => x.rank - 1 - i)
  const sorted = resolved.every(Number.isInteger) ? [...resolved].sort((p, q) => p - q) : []
  if (resolved.length !== x.rank || sorted.length !== x.rank || sorted.some((p, i) => p !== i)) {
    throw new ShapeError(
      'transpose',
      `perm ${formatShape(resolved)} is not a permutation of the ${x.rank} axes of ${formatShape(x.shape)}`,
    )
  }
  const shape = resolved.map((p) => x.shape[p]!)
  const out = fromKernel(kernels.transpose(valuesOf(x), x.shape, resolved, x.dtype), shape, x.dtype)
  record('transpose', [x], out, { perm: resolved })
  return out
}
