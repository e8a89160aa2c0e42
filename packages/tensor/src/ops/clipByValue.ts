import { ConfigError, describe } from '@gradstream/core'
import { kernels } from '../kernels'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkDTypeIn, checkTensor, NUMERIC } from './argumentChecks'
import { deferClip } from './deferredElementwise'

/**
 * Limits values to `[clipMin, clipMax]`: TF1's `clip_by_value`, the values of
 * `max(min(x, clipMax), clipMin)` computed in one pass. The gradient passes
 * where `clipMin <= x <= clipMax`, boundaries included; NaN stays NaN.
 * @example clipByValue(tensor([1, 3, 5]), 2.5, 4.5).toArray() // [2.5, 3, 4.5]
 */
export function clipByValue(x: Tensor, clipMin: number, clipMax: number): Tensor {
  checkTensor('clipByValue', 'x', x)
  checkDTypeIn('clipByValue', 'x', x, NUMERIC)
  for (const [name, bound] of [
    ['clipMin', clipMin],
    ['clipMax', clipMax],
  ] as const) {
    if (typeof bound !== 'number')
      throw new ConfigError('clipByValue', `${name} must be a number, got ${describe(bound)}`)
  }
  if (Number.isNaN(clipMin) || Number.isNaN(clipMax) || clipMin > clipMax) {
    throw new ConfigError('clipByValue', `needs clipMin <= clipMax, got clipMin ${clipMin}, clipMax ${clipMax}`)
  }
  if (x.dtype === 'int32' && (clipMin !== (clipMin | 0) || clipMax !== (clipMax | 0))) {
    throw new ConfigError('clipByValue', `int32 x needs int32 bounds, got clipMin ${clipMin}, clipMax ${clipMax}`)
  }
  const out =
    deferClip(x, clipMin, clipMax) ?? fromKernel(kernels.clip(valuesOf(x), clipMin, clipMax, x.dtype), x.shape, x.dtype)
  record('clipByValue', [x], out, { clipMin, clipMax })
  return out
}
