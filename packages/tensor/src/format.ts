import type { DType } from './dtype'
import { ConfigError } from './errors'
import { elementFormatter } from './format/elementFormat'
import { layoutArray, shownIndices } from './format/layout'
import { legacyScalarText, scalarText } from './format/scalar'
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

// numpy's print options: line width, how many elements before summarizing, kept items at each end.
const LINE_WIDTH = 75
const THRESHOLD = 1000
const EDGE_ITEMS = 3

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
  const { style = 'str', legacy = false, precision = 8 } = options
  checkOptions(style, legacy, precision)
  const values = valuesOf(tensor)
  const isLegacy = legacy === '1.13'
  if (style === 'str') {
    if (tensor.rank === 0) return (isLegacy ? legacyScalarText : scalarText)(values[0]!, tensor.dtype)
    return arrayText(values, tensor.shape, tensor.dtype, { isLegacy, precision, separator: ' ', prefix: '' })
  }
  return isLegacy ? legacyRepr(values, tensor, precision) : modernRepr(values, tensor, precision)
}

function checkOptions(style: unknown, legacy: unknown, precision: unknown): void {
  if (style !== 'str' && style !== 'repr') {
    throw new ConfigError('formatTensor', `style must be 'str' or 'repr', got ${JSON.stringify(style)}`)
  }
  if (legacy !== false && legacy !== '1.13') {
    throw new ConfigError('formatTensor', `legacy must be '1.13' or false, got ${JSON.stringify(legacy)}`)
  }
  if (!Number.isInteger(precision) || (precision as number) < 0) {
    throw new ConfigError('formatTensor', `precision must be a non-negative integer, got ${String(precision)}`)
  }
}

interface ArrayTextOptions {
  readonly isLegacy: boolean
  readonly precision: number
  readonly separator: string
  /** Text printed before the array on its first line; continuation lines are indented past it. */
  readonly prefix: string
  /** Text printed after the array; numpy >= 1.14 keeps the last line short enough to hold it. */
  readonly suffix?: string
}

/** numpy's array2string for an array with at least one element, or a rank-0 one. */
function arrayText(values: ArrayLike<number>, shape: readonly number[], dtype: DType, o: ArrayTextOptions): string {
  if (values.length === 0) return '[]'
  const edgeItems = values.length > THRESHOLD ? EDGE_ITEMS : undefined
  const shown = shownIndices(shape, edgeItems).map((i) => values[i]!)
  const format = elementFormatter(shown, dtype, {
    legacy: o.isLegacy,
    precision: o.precision,
    scalar: shape.length === 0,
  })
  return layoutArray(values, shape, format, {
    lineWidth: LINE_WIDTH - (o.isLegacy ? 0 : (o.suffix ?? '').length),
    nextLinePrefix: ' ' + ' '.repeat(o.prefix.length),
    separator: o.separator,
    edgeItems,
    legacy: o.isLegacy,
  })
}

/** numpy >= 1.14 repr: shape and dtype are added when the values alone do not imply them. */
function modernRepr(values: ArrayLike<number>, tensor: Tensor, precision: number): string {
  const options = { isLegacy: false, precision, separator: ', ', prefix: 'array(', suffix: ')' }
  const body = 'array(' + arrayText(values, tensor.shape, tensor.dtype, options) + ','
  const extras: string[] = []
  if ((tensor.size === 0 && tensor.rank !== 1) || tensor.size > THRESHOLD)
    extras.push(`shape=${pythonTuple(tensor.shape)}`)
  if (!impliedDType(tensor.dtype) || tensor.size === 0) extras.push(`dtype=${tensor.dtype}`)
  if (extras.length === 0) return body.slice(0, -1) + ')'
  const tail = extras.join(', ') + ')'
  const lastLine = body.length - (body.lastIndexOf('\n') + 1)
  return body + (lastLine + tail.length + 1 > LINE_WIDTH ? '\n' + ' '.repeat('array('.length) : ' ') + tail
}

/** numpy 1.13 repr: always names the dtype except float64, and a rank-0 array shows Python's repr of its value. */
function legacyRepr(values: ArrayLike<number>, tensor: Tensor, precision: number): string {
  const { dtype, shape } = tensor
  const dtypeSuffix = dtype === 'float64' && tensor.size > 0 ? '' : `, dtype=${dtype}`
  if (tensor.rank === 0) {
    // numpy 1.13 printed the Python object the value converts to, so a float32 shows all its double digits.
    const item = dtype === 'float32' ? scalarText(values[0]!, 'float64') : scalarText(values[0]!, dtype)
    return `array(${item}${dtypeSuffix})`
  }
  if (tensor.size === 0 && tensor.rank !== 1) return `array([], shape=${pythonTuple(shape)}${dtypeSuffix})`
  const options = { isLegacy: true, precision, separator: ', ', prefix: 'array(' }
  return `array(${arrayText(values, shape, dtype, options)}${dtypeSuffix})`
}

/** float64 and bool are numpy's default types for floats and booleans, so repr leaves them out. */
function impliedDType(dtype: DType): boolean {
  return dtype === 'float64' || dtype === 'bool'
}

function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
}
