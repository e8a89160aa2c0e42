// numpy 1.13's FloatFormat, the printing of every TF1-era transcript: C's
// '%.8f' of the exact value with trailing zeros turned into spaces, a column
// reserved for the sign, and '%.8e' for wide ranges. Unlike numpy >= 1.14 it
// prints exact digits, so float32 log(2) shows as 0.69314718, not 0.6931472.
import type { ElementFormatter } from './floatFormat'
import { nonFiniteText } from './floatFormat'
import { formatPositional, formatScientific } from './notation'

/** The formatter numpy 1.13 would build for an array of `values`; `round` rounds to the array's dtype. */
export function legacyFloatFormatter(
  values: readonly number[],
  round: (x: number) => number,
  precision: number,
): ElementFormatter {
  const magnitudes = values.filter((x) => Number.isFinite(x) && x !== 0).map(Math.abs)
  const max = magnitudes.length > 0 ? Math.max(...magnitudes) : 0
  const min = magnitudes.length > 0 ? Math.min(...magnitudes) : 0
  // 1.13 divides in the array's dtype and compares the result as a double.
  const scientific = magnitudes.length > 0 && (max >= 1e8 || min < 1e-4 || round(max / min) > 1000)
  const layout = scientific ? scientificLayout(min, max, precision) : positionalLayout(magnitudes, max, precision)
  const hasSpecial = values.some((x) => !Number.isFinite(x))
  const fieldWidth = hasSpecial ? Math.max(layout.width, 4) : layout.width
  return (x: number) =>
    Number.isFinite(x) ? layout.format(x).padStart(fieldWidth) : nonFiniteText(x).padStart(fieldWidth)
}

interface Layout {
  readonly width: number
  readonly format: ElementFormatter
}

/** '%#{width}.{digits}f' with trailing zeros blanked, `digits` the most any value needs. */
function positionalLayout(magnitudes: readonly number[], max: number, precision: number): Layout {
  let digits = 0
  for (const x of magnitudes) digits = Math.max(digits, fixed(x, precision).replace(/0+$/, '').split('.')[1]!.length)
  const width = String(Math.trunc(max)).length + digits + 2
  return {
    width,
    format: (x) => {
      const text = fixed(x, digits).padStart(width)
      const trimmed = text.replace(/0+$/, '')
      return trimmed.padEnd(text.length)
    },
  }
}

/** '%{width}.{precision}e', with a third exponent digit for every value once any needs one. */
function scientificLayout(min: number, max: number, precision: number): Layout {
  const threeDigitExponent = (min > 0 && min < 1e-99) || max >= 1e100
  const width = 8 + precision + (threeDigitExponent ? 1 : 0)
  const expDigits = threeDigitExponent ? 3 : 2
  return {
    width,
    // C prints no point when there are no digits after it ('%.0e' gives '1e+05').
    format: (x) =>
      formatScientific(x, { width: 'float64', unique: false, precision, trim: precision > 0 ? 'k' : '-', expDigits }),
  }
}

/** C's '%#.{digits}f': exact value, rounded half to even, point always shown. */
function fixed(x: number, digits: number): string {
  return formatPositional(x, { width: 'float64', unique: false, precision: digits, trim: 'k' })
}
