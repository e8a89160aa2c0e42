import { ConfigError } from '@gradstream/core'
import type { ColumnRef, ResolvedCsvOptions } from './csvOptions'

/** Which columns of the file become x's columns and which one is the label. */
export interface ColumnLayout {
  /** Every column name of the file, in file order. */
  readonly names: readonly string[]
  readonly featureIndexes: readonly number[]
  readonly labelIndex: number | undefined
}

/** The layout the options ask for in a file with these column names; a column that is not there is a ConfigError. */
export function columnLayout(fn: string, names: readonly string[], options: ResolvedCsvOptions): ColumnLayout {
  const indexOf = (ref: ColumnRef, option: string) => columnIndex(fn, names, ref, option)
  const labelIndex = options.label === undefined ? undefined : indexOf(options.label, 'label')
  const featureIndexes =
    options.columns === undefined
      ? names.map((_, i) => i).filter((i) => i !== labelIndex)
      : options.columns.map((ref, i) => indexOf(ref, `columns[${i}]`))
  if (featureIndexes.length === 0) {
    throw new ConfigError(fn, `no feature columns: the file's only column is the label ${JSON.stringify(names[0])}`)
  }
  const repeated = featureIndexes.find((index, i) => featureIndexes.indexOf(index) !== i)
  if (repeated !== undefined) {
    throw new ConfigError(fn, `columns names column ${JSON.stringify(names[repeated])} (index ${repeated}) twice`)
  }
  if (labelIndex !== undefined && featureIndexes.includes(labelIndex)) {
    throw new ConfigError(fn, `the label column ${JSON.stringify(names[labelIndex])} is also in columns`)
  }
  return { names, featureIndexes, labelIndex }
}

function columnIndex(fn: string, names: readonly string[], ref: ColumnRef, option: string): number {
  if (typeof ref === 'number') {
    if (ref < names.length) return ref
    throw new ConfigError(
      fn,
      `${option} is column index ${ref}, but the file has ${names.length} columns (0 to ${names.length - 1})`,
    )
  }
  const index = names.indexOf(ref)
  if (index >= 0) return index
  throw new ConfigError(
    fn,
    `${option} names column ${JSON.stringify(ref)}, which is not in the file; its columns are ${names.map((n) => JSON.stringify(n)).join(', ')}`,
  )
}
