import type { DType } from '../dtype'
import type { ElementFormatter } from './floatFormat'
import { floatFormatter } from './floatFormat'
import { legacyFloatFormatter } from './legacyFloatFormat'

export interface ElementFormatOptions {
  readonly legacy: boolean
  readonly precision: number
  /** numpy pads `True` to the width of `False` only inside brackets. */
  readonly scalar: boolean
}

/** The per-element formatter for an array of `dtype` whose shown elements are `values`. */
export function elementFormatter(
  values: readonly number[],
  dtype: DType,
  options: ElementFormatOptions,
): ElementFormatter {
  switch (dtype) {
    case 'bool':
      return (x) => (x ? (options.scalar ? 'True' : ' True') : 'False')
    case 'int32':
      return integerFormatter(values)
    case 'float32':
    case 'float64':
      if (options.legacy)
        return legacyFloatFormatter(values, dtype === 'float32' ? Math.fround : Number, options.precision)
      return floatFormatter(values, dtype, options.precision)
  }
}

/** Right-aligned to the longest of the largest and smallest value, as numpy's IntegerFormat. */
function integerFormatter(values: readonly number[]): ElementFormatter {
  const width =
    values.length === 0 ? 0 : Math.max(...[Math.max(...values), Math.min(...values)].map((x) => String(x).length))
  return (x) => String(x).padStart(width)
}
