import { checkInteger, checkOneOf, checkOptions } from '@gradstream/core'
import { tensorText } from './format/tensorText'
import { checkTensor } from './ops/argumentChecks'
import type { Tensor } from './tensor'
import { valuesOf } from './tensor'

/** How {@link formatTensor} writes a tensor. */
export interface FormatOptions {
  /** `'repr'`: `array([...], dtype=float32)`; `'str'` (default): the bare nested list, as `print` shows it. */
  readonly style?: 'repr' | 'str'
  /**
   * `'1.13'` prints as numpy before 1.14 did, as TF1-era transcripts show arrays:
   * exact `%.8f` digits with a column reserved for the sign (`[ 1.5  1.5]`).
   * Default `false`: numpy >= 1.14, shortest digits that identify each value.
   */
  readonly legacy?: '1.13' | false
  /** Most digits after the decimal point for floats in arrays (default 8, as numpy). */
  readonly precision?: number
}

/**
 * numpy-style text for a tensor, as `print(a)` (`'str'`) or `repr(a)`
 * (`'repr'`) shows it: decimal points aligned, rows wrapped at 75 columns,
 * arrays over 1000 elements summarized with `...`. float32 values print
 * their shortest float32 digits (`0.6931472`). A rank-0 tensor prints as a
 * numpy scalar in `'str'` style (`3.5`, `16.0`).
 *
 * @example
 * formatTensor(tensor([[2.5, 2.5, 3], [4, 4.5, 4.5]]), { style: 'repr' })
 * // 'array([[2.5, 2.5, 3. ],\n       [4. , 4.5, 4.5]], dtype=float32)'
 * formatTensor(tensor([1.5, 1.5]), { legacy: '1.13' }) // '[ 1.5  1.5]'
 */
export function formatTensor(tensor: Tensor, options: FormatOptions = {}): string {
  checkTensor('formatTensor', 'tensor', tensor)
  checkOptions('formatTensor', options, ['style', 'legacy', 'precision'])
  const { style = 'str', legacy = false, precision = 8 } = options
  checkOneOf('formatTensor', 'style', style, ['str', 'repr'])
  checkOneOf('formatTensor', 'legacy', legacy, ['1.13', false])
  checkInteger('formatTensor', 'precision', precision, 0)
  return tensorText(valuesOf(tensor), tensor.shape, tensor.dtype, { style, legacy, precision })
}
