// Positional and scientific notation with numpy's trim and padding rules
// (numpy's format_float_positional / format_float_scientific), built on the
// exact digits of digits.ts.
import { floatDigits } from './digits'
import type { Digits, FloatWidth } from './digits'

/**
 * What happens to trailing zeros: `'k'` keeps them (and pads to the minimum
 * digits), `'.'` trims them but keeps the point (`3.`), `'0'` leaves one zero
 * (`3.0`), `'-'` trims the point too (`3`).
 */
export type TrimMode = 'k' | '.' | '0' | '-'

export interface NotationOptions {
  /** The float type whose neighbours decide the shortest unique digits. */
  readonly width: FloatWidth
  /** Shortest digits that identify the value; otherwise exact digits up to `precision`. */
  readonly unique: boolean
  /** Most digits after the point (scientific: after the mantissa's point). */
  readonly precision?: number
  /** Fewest digits after the point. */
  readonly minDigits?: number
  readonly trim: TrimMode
  /** Pad with spaces on the left until sign and integer part take this many characters. */
  readonly padLeft?: number
}

export interface PositionalOptions extends NotationOptions {
  /** Pad with spaces on the right until the fraction takes this many characters. */
  readonly padRight?: number
}

export interface ScientificOptions extends NotationOptions {
  /** Fewest exponent digits (at least 2, as C prints them). */
  readonly expDigits?: number
}

/** `x` in positional notation, e.g. `-12.5`, `0.0001`, `3.`. `x` must be finite. */
export function formatPositional(x: number, options: PositionalOptions): string {
  return padPositional(positionalText(x, options), options.padLeft ?? 0, options.padRight)
}

/** {@link formatPositional} without the padding. */
export function positionalText(x: number, options: NotationOptions): string {
  const { width, unique, precision, minDigits, trim } = options
  const d = floatDigits(x, width, unique, { mode: 'fraction', max: precision, min: minDigits })
  const sign = isNegative(x) ? '-' : ''
  const whole = d.exponent >= 0 ? wholeDigits(d) : '0'
  const fraction = d.exponent >= 0 ? d.digits.slice(d.exponent + 1) : '0'.repeat(-d.exponent - 1) + d.digits
  return sign + whole + trimFraction(fraction, trim, Math.max((unique ? minDigits : precision) ?? 0, 0))
}

/**
 * Pads positional text with spaces: on the left until sign and integer part
 * take `padLeft` characters, on the right until the fraction takes `padRight`
 * (a missing point counts as one more space).
 */
export function padPositional(text: string, padLeft: number, padRight?: number): string {
  const point = text.indexOf('.')
  const wholeLength = point >= 0 ? point : text.length
  const fractionLength = point >= 0 ? text.length - point - 1 : 0
  let padded = text
  if (padRight !== undefined && padRight >= fractionLength) {
    padded += (point >= 0 ? '' : ' ') + ' '.repeat(padRight - fractionLength)
  }
  return padLeft > wholeLength ? ' '.repeat(padLeft - wholeLength) + padded : padded
}

/** `x` in scientific notation, e.g. `1.5e-05`, `1.e+16`. `x` must be finite. */
export function formatScientific(x: number, options: ScientificOptions): string {
  const { width, unique, precision, minDigits, trim, padLeft = 0, expDigits = 2 } = options
  const total = (count: number | undefined) => (count === undefined ? undefined : count + 1)
  const d = floatDigits(x, width, unique, { mode: 'total', max: total(precision), min: total(minDigits) })
  const sign = isNegative(x) ? '-' : ''
  const fraction = d.digits.slice(1)
  // numpy drops the point in '-' mode only when no fraction digits were generated at all.
  const tail = trimFraction(
    fraction,
    trim === '-' && fraction !== '' ? '.' : trim,
    Math.max((unique ? minDigits : precision) ?? 0, 0),
  )
  const expText = String(Math.abs(d.exponent)).padStart(Math.max(expDigits, 2), '0')
  const text = `${sign}${d.digits[0]}${tail}e${d.exponent < 0 ? '-' : '+'}${expText}`
  const leftChars = 1 + sign.length
  return padLeft > leftChars ? ' '.repeat(padLeft - leftChars) + text : text
}

/** True for negative numbers and -0, which numpy prints as `-0.`. */
export function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0)
}

function wholeDigits(d: Digits): string {
  const count = d.exponent + 1
  return d.digits.length >= count ? d.digits.slice(0, count) : d.digits.padEnd(count, '0')
}

/** The point and the fraction digits after `trim`; `keep` is the minimum digit count for `'k'`. */
function trimFraction(fraction: string, trim: TrimMode, keep: number): string {
  if (trim === 'k') return '.' + fraction.padEnd(keep, '0')
  const trimmed = fraction.replace(/0+$/, '')
  if (trimmed !== '') return '.' + trimmed
  if (trim === '0') return '.0'
  return trim === '.' ? '.' : ''
}
