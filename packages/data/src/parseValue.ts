import type { CsvDType } from './csvOptions'

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const INTEGER = /^[+-]?\d+$/
const INFINITY = /^[+-]?inf(?:inity)?$/i
const NAN = /^[+-]?nan$/i

/**
 * The number a field's text stands for in `dtype`, or why it stands for none
 * (a sentence to follow the field's place in an error). Decimal text, with
 * spaces around it ignored, is rounded once to the dtype from its exact
 * double (Math.fround for float32: for the text of a float32, as any writer
 * prints it, that is the float32 itself). NaN, infinities (`nan`, `inf`,
 * `Infinity` in any case, as numpy and pandas write them) and empty fields
 * (read as NaN, as pandas does) only with `allowNonFinite`; so is a float32
 * value past float32's range, which would round to an infinity.
 */
export function parseValue(text: string, dtype: CsvDType, allowNonFinite: boolean): number | string {
  const trimmed = text.trim()
  if (trimmed === '') return allowNonFinite && dtype !== 'int32' ? NaN : 'the value is missing'
  if (INFINITY.test(trimmed) || NAN.test(trimmed)) {
    if (dtype === 'int32') return `${JSON.stringify(text)} is not an int32`
    if (!allowNonFinite) return `${JSON.stringify(text)} is not finite (pass allowNonFinite: true to read it)`
    return NAN.test(trimmed) ? NaN : trimmed.startsWith('-') ? -Infinity : Infinity
  }
  if (dtype === 'int32') {
    const value = Number(trimmed)
    return INTEGER.test(trimmed) && value === (value | 0) ? value : `${JSON.stringify(text)} is not an int32`
  }
  if (!DECIMAL.test(trimmed)) return `${JSON.stringify(text)} is not a number`
  const value = dtype === 'float32' ? Math.fround(Number(trimmed)) : Number(trimmed)
  if (!Number.isFinite(value) && !allowNonFinite) {
    return `${JSON.stringify(text)} is out of ${dtype}'s range (pass allowNonFinite: true to read it as an infinity)`
  }
  return value
}
