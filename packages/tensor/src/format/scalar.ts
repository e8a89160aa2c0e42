// How numpy writes a single value outside an array: `str(np.float32(x))` in
// numpy >= 1.14, and `repr(np.float32(x))` in numpy 1.13, which is how a TF1
// session's scalar results appear in the seed (3.5, 16.0, 4.5549998).
import type { DType } from '../dtype'
import { floatDigits } from './digits'
import { nonFiniteText } from './floatFormat'
import { formatPositional, formatScientific, isNegative } from './notation'

/**
 * numpy >= 1.14 scalar text: shortest unique digits, positional with at least
 * one fraction digit (`16.0`) between 1e-4 and 1e16 (1e6 for float32, as numpy 2
 * does), scientific outside (`1e-05`).
 */
export function scalarText(x: number, dtype: DType): string {
  if (dtype === 'bool') return x ? 'True' : 'False'
  if (dtype === 'int32') return String(x)
  if (!Number.isFinite(x)) return nonFiniteText(x)
  const magnitude = Math.abs(x)
  const largest = dtype === 'float32' ? 1e6 : 1e16
  if (magnitude === 0 || (magnitude >= 1e-4 && magnitude < largest)) {
    return formatPositional(x, { width: dtype, unique: true, trim: '0' })
  }
  return formatScientific(x, { width: dtype, unique: true, trim: '-' })
}

/** numpy 1.13 scalar repr: C's '%.8g' for float32 and '%.17g' for float64, with '.0' added to integers. */
export function legacyScalarText(x: number, dtype: DType): string {
  if (dtype === 'bool' || dtype === 'int32') return scalarText(x, dtype)
  if (!Number.isFinite(x)) return nonFiniteText(x)
  const text = formatGeneral(x, dtype === 'float32' ? 8 : 17)
  return /^-?\d+$/.test(text) ? `${text}.0` : text
}

/** C's '%.{significant}g': exact digits rounded half to even, trailing zeros and point removed. */
export function formatGeneral(x: number, significant: number): string {
  const { digits, exponent } = floatDigits(x, 'float64', false, { mode: 'total', max: significant })
  if (x !== 0 && (exponent < -4 || exponent >= significant)) {
    const kept = digits.replace(/0+$/, '')
    const mantissa = kept.length > 1 ? `${kept[0]}.${kept.slice(1)}` : kept
    const exponentText = String(Math.abs(exponent)).padStart(2, '0')
    return `${isNegative(x) ? '-' : ''}${mantissa}e${exponent < 0 ? '-' : '+'}${exponentText}`
  }
  const fractionDigits = Math.max(significant - 1 - (x === 0 ? 0 : exponent), 0)
  return formatPositional(x, { width: 'float64', unique: false, precision: fractionDigits, trim: '-' })
}
