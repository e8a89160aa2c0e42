import { ConfigError, checkBoolean, checkOneOf, checkOptions, checkString, describe } from '@gradstream/core'

/** A column named by its header name, or by its 0-based index. @example const label: ColumnRef = 'species' // or 4 */
export type ColumnRef = string | number

/** The dtypes numeric columns can be read as. @example parseCsv('a\n1\n', { dtype: 'int32' }).x.dtype // 'int32' */
export type CsvDType = 'float32' | 'float64' | 'int32'

/**
 * How the label column is read: as numbers of a dtype, or as class names mapped to int32 indices.
 * @example parseCsv('x,y\n1,cat\n', { label: 'y', labelType: 'class' }).classes // ['cat']
 */
export type LabelType = CsvDType | 'class'

/** Options of {@link parseCsv}, {@link readCsv} and {@link readCsvBatches}. @example parseCsv(text, { label: 'species', labelType: 'class' }) */
export interface CsvOptions {
  /** Whether the first row holds the column names (default true). Without one, columns are named by index: '0', '1', ... */
  readonly header?: boolean
  /** The feature columns, in the order they become x's columns (default: every column but the label, in file order). */
  readonly columns?: readonly ColumnRef[]
  /** The label column, read into `y`; without it there is no `y`. */
  readonly label?: ColumnRef
  /** The dtype of `x` (default 'float32'; each value is rounded once, from its decimal text). */
  readonly dtype?: CsvDType
  /** How labels are read (default 'float32'): a numeric dtype, or 'class' for names mapped to int32 class indices. */
  readonly labelType?: LabelType
  /** With `labelType: 'class'`: the class names in index order; a label outside them is an error. Default: order of first appearance. */
  readonly classes?: readonly string[]
  /** Whether NaN, infinities and empty (missing) values are read, as NaN for missing (default false: each is an error). */
  readonly allowNonFinite?: boolean
  /** The field delimiter, one character (default ','). */
  readonly delimiter?: string
}

/** Options of {@link readCsvBatches}: those of {@link readCsv} and the batch size. @example readCsvBatches('big.csv', { batchSize: 512, label: 'y' }) */
export interface CsvBatchOptions extends CsvOptions {
  /** Rows per batch; the last batch holds the rows left over (default 256). */
  readonly batchSize?: number
}

/** Options with every default filled in and every value checked. */
export interface ResolvedCsvOptions {
  readonly header: boolean
  readonly columns: readonly ColumnRef[] | undefined
  readonly label: ColumnRef | undefined
  readonly dtype: CsvDType
  readonly labelType: LabelType
  readonly classes: readonly string[] | undefined
  readonly allowNonFinite: boolean
  readonly delimiter: string
}

const CSV_OPTION_KEYS = [
  'header',
  'columns',
  'label',
  'dtype',
  'labelType',
  'classes',
  'allowNonFinite',
  'delimiter',
] as const
const DTYPES: readonly CsvDType[] = ['float32', 'float64', 'int32']

/** Checks `options` of `fn` (which also accepts `extraKeys`) and fills in the defaults. */
export function resolveCsvOptions(
  fn: string,
  options: CsvOptions,
  extraKeys: readonly string[] = [],
): ResolvedCsvOptions {
  checkOptions(fn, options, [...CSV_OPTION_KEYS, ...extraKeys])
  const {
    header = true,
    columns,
    label,
    dtype = 'float32',
    labelType = 'float32',
    classes,
    allowNonFinite = false,
    delimiter = ',',
  } = options
  checkBoolean(fn, 'header', header)
  checkBoolean(fn, 'allowNonFinite', allowNonFinite)
  checkOneOf(fn, 'dtype', dtype, DTYPES)
  checkOneOf(fn, 'labelType', labelType, [...DTYPES, 'class'])
  checkString(fn, 'delimiter', delimiter)
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new ConfigError(
      fn,
      `delimiter must be one character other than a quote or a line break, got ${describe(delimiter)}`,
    )
  }
  if (label !== undefined) checkColumnRef(fn, 'label', label)
  const labelOption = ['labelType', 'classes'].find((key) => options[key as keyof CsvOptions] !== undefined)
  if (label === undefined && labelOption !== undefined) {
    throw new ConfigError(fn, `${labelOption} needs a label column; pass label as well`)
  }
  if (columns !== undefined) checkColumnRefs(fn, columns)
  if (classes !== undefined) checkClasses(fn, classes, labelType)
  return { header, columns, label, dtype, labelType, classes, allowNonFinite, delimiter }
}

function checkColumnRef(fn: string, name: string, ref: unknown): asserts ref is ColumnRef {
  const isIndex = typeof ref === 'number' && Number.isInteger(ref) && ref >= 0
  if (!isIndex && typeof ref !== 'string') {
    throw new ConfigError(fn, `${name} must be a column name or a 0-based column index, got ${describe(ref)}`)
  }
}

function checkColumnRefs(fn: string, columns: unknown): void {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new ConfigError(fn, `columns must be a non-empty array of column names or indexes, got ${describe(columns)}`)
  }
  columns.forEach((ref, i) => checkColumnRef(fn, `columns[${i}]`, ref))
}

function checkClasses(fn: string, classes: unknown, labelType: LabelType): void {
  if (labelType !== 'class') {
    throw new ConfigError(fn, `classes needs labelType: 'class', got labelType ${describe(labelType)}`)
  }
  if (!Array.isArray(classes) || classes.length === 0 || !classes.every((c) => typeof c === 'string' && c !== '')) {
    throw new ConfigError(fn, `classes must be a non-empty array of non-empty strings, got ${describe(classes)}`)
  }
  const repeated = classes.find((c, i) => classes.indexOf(c) !== i)
  if (repeated !== undefined) throw new ConfigError(fn, `classes must be distinct, got ${describe(repeated)} twice`)
}
