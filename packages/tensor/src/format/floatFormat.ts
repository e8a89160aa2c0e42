// numpy's FloatingFormat (numpy >= 1.14, default floatmode 'maxprec'): each
// value gets its shortest unique digits, at most `precision` after the point,
// and all values share one column layout (decimal points aligned, or one
// exponent width in scientific notation).
import type { FloatWidth } from './digits'
import { formatScientific, padPositional, positionalText } from './notation'

/** Formats one element; the layout (padding, notation) was fixed from the whole array. */
export type ElementFormatter = (x: number) => string

/**
 * The formatter numpy would build for an array holding `values` (the shown
 * ones, when the array is summarized), stored as `width`.
 */
export function floatFormatter(values: readonly number[], width: FloatWidth, precision: number): ElementFormatter {
  const finite = values.filter(Number.isFinite)
  const columns = usesScientific(finite, width)
    ? scientificColumns(finite, width, precision)
    : positionalColumns(finite, width, precision)
  if (finite.length === values.length) return columns.formatter(columns.padLeft)
  // nan and inf are right-aligned to the full width of a number, widening the integer column if needed.
  const negativeInfinity = values.includes(-Infinity) ? 1 : 0
  const padLeft = Math.max(columns.padLeft, 2 - columns.padRight, 2 + negativeInfinity - columns.padRight)
  const number = columns.formatter(padLeft)
  const fullWidth = padLeft + columns.padRight + 1
  return (x) => (Number.isFinite(x) ? number(x) : nonFiniteText(x).padStart(fullWidth))
}

/** numpy's text for a non-finite value: `nan`, `inf` or `-inf`. */
export function nonFiniteText(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  return x < 0 ? '-inf' : 'inf'
}

/** The widest integer part and fraction (or exponent tail) of the values, and how to format at a given left width. */
interface Columns {
  readonly padLeft: number
  readonly padRight: number
  readonly formatter: (padLeft: number) => ElementFormatter
}

// numpy 2 compares in the array's own dtype and, for float32, switches to
// scientific notation from 1e6 (float32 holds about 7 significant digits).
function usesScientific(finite: readonly number[], width: FloatWidth): boolean {
  const magnitudes = finite.filter((x) => x !== 0).map(Math.abs)
  if (magnitudes.length === 0) return false
  const round = width === 'float32' ? Math.fround : (x: number) => x
  const max = Math.max(...magnitudes)
  const min = Math.min(...magnitudes)
  const largest = width === 'float32' ? 1e6 : 1e8
  return max >= largest || min < round(1e-4) || round(max / min) > 1000
}

function positionalColumns(finite: readonly number[], width: FloatWidth, precision: number): Columns {
  // Values below the exponential cutoff always carry their units digit, so
  // numpy's second, padded pass prints the digits of this first pass: keep them.
  const texts = new Map<number, string>()
  const options = { width, unique: true, precision, trim: '.' } as const
  let padLeft = 0
  let padRight = 0
  for (const x of finite) {
    const text = positionalText(x, options)
    if (x !== 0) texts.set(x, text) // 0 and -0 share a key but not a text
    const [whole = '', fraction = ''] = text.split('.')
    padLeft = Math.max(padLeft, whole.length)
    padRight = Math.max(padRight, fraction.length)
  }
  return {
    padLeft,
    padRight,
    formatter: (left) => (x) => padPositional(texts.get(x) ?? positionalText(x, options), left, padRight),
  }
}

function scientificColumns(finite: readonly number[], width: FloatWidth, precision: number): Columns {
  let padLeft = 0
  let digits = 0
  let expDigits = 0
  for (const x of finite) {
    const [mantissa = '', exponent = ''] = formatScientific(x, { width, unique: true, precision, trim: '.' }).split('e')
    const [whole = '', fraction = ''] = mantissa.split('.')
    padLeft = Math.max(padLeft, whole.length)
    digits = Math.max(digits, fraction.length)
    expDigits = Math.max(expDigits, exponent.length - 1)
  }
  return {
    padLeft,
    padRight: expDigits + 2 + digits,
    formatter: (left) => {
      const options = {
        width,
        unique: true,
        precision: digits,
        minDigits: digits,
        trim: 'k',
        padLeft: left,
        expDigits,
      } as const
      return (x) => formatScientific(x, options)
    },
  }
}
