import type { DType } from '../dtype'
import { elementFormatter } from './elementFormat'
import { layoutArray, shownIndices } from './layout'
import { legacyScalarText, scalarText } from './scalar'

// The text of a tensor from its storage, shape and dtype alone: Tensor's own
// toString and the public formatTensor both build on it, and it imports no
// Tensor, so neither module needs the other.

/** What {@link tensorText} needs to know of a tensor. */
interface Layout {
  readonly values: ArrayLike<number>
  readonly shape: readonly number[]
  readonly dtype: DType
}

/** Resolved format options. */
export interface TextOptions {
  readonly style: 'repr' | 'str'
  readonly legacy: '1.13' | false
  readonly precision: number
}

// numpy's print options: line width, how many elements before summarizing, kept items at each end.
const LINE_WIDTH = 75
const THRESHOLD = 1000
const EDGE_ITEMS = 3

/** numpy's `str` or `repr` of an array with these values, shape and dtype. */
export function tensorText(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  options: TextOptions,
): string {
  const { style, legacy, precision } = options
  const isLegacy = legacy === '1.13'
  const layout: Layout = { values, shape, dtype }
  if (style === 'str') {
    if (shape.length === 0) return (isLegacy ? legacyScalarText : scalarText)(values[0]!, dtype)
    return arrayText(values, shape, dtype, { isLegacy, precision, separator: ' ', prefix: '' })
  }
  return isLegacy ? legacyRepr(layout, precision) : modernRepr(layout, precision)
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
function modernRepr({ values, shape, dtype }: Layout, precision: number): string {
  const options = { isLegacy: false, precision, separator: ', ', prefix: 'array(', suffix: ')' }
  const body = 'array(' + arrayText(values, shape, dtype, options) + ','
  const size = values.length
  const extras: string[] = []
  if ((size === 0 && shape.length !== 1) || size > THRESHOLD) extras.push(`shape=${pythonTuple(shape)}`)
  if (!impliedDType(dtype) || size === 0) extras.push(`dtype=${dtype}`)
  if (extras.length === 0) return body.slice(0, -1) + ')'
  const tail = extras.join(', ') + ')'
  const lastLine = body.length - (body.lastIndexOf('\n') + 1)
  return body + (lastLine + tail.length + 1 > LINE_WIDTH ? '\n' + ' '.repeat('array('.length) : ' ') + tail
}

/** numpy 1.13 repr: always names the dtype except float64, and a rank-0 array shows Python's repr of its value. */
function legacyRepr({ values, shape, dtype }: Layout, precision: number): string {
  const size = values.length
  const dtypeSuffix = dtype === 'float64' && size > 0 ? '' : `, dtype=${dtype}`
  if (shape.length === 0) {
    // numpy 1.13 printed the Python object the value converts to, so a float32 shows all its double digits.
    const item = dtype === 'float32' ? scalarText(values[0]!, 'float64') : scalarText(values[0]!, dtype)
    return `array(${item}${dtypeSuffix})`
  }
  if (size === 0 && shape.length !== 1) return `array([], shape=${pythonTuple(shape)}${dtypeSuffix})`
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
