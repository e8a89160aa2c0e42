import { GradstreamError } from '@gradstream/core'

/**
 * Where in a CSV source a fault sits: a 1-based line (as an editor numbers it) and, for a value, its column.
 * @example const { line, column, columnName }: CsvLocation = error // 7, 1, 'sepal_width'
 */
export interface CsvLocation {
  readonly line?: number
  /** The column's 0-based index, as `columns` and `label` take it. */
  readonly column?: number
  readonly columnName?: string
}

/**
 * A CSV source that cannot be read as the options ask: a value that is not a
 * number, a missing value, NaN where it is not allowed, a row with another
 * number of fields than the header, malformed quoting, an empty file, or a
 * file that cannot be opened. The message starts with the function's name and
 * the place, `readCsv: line 7, column "sepal_width" (index 1): "abc" is not a
 * number`, and the same place is kept in `line`, `column` and `columnName`.
 * Options that do not fit the file (a column that is not in the header) are
 * ConfigErrors instead, as every bad option in gradstream is.
 * @example
 * try { parseCsv('a,b\n1,x\n') } catch (e) { (e as CsvDataError).line } // 2
 */
export class CsvDataError extends GradstreamError {
  override name = 'CsvDataError'
  readonly line: number | undefined
  readonly column: number | undefined
  readonly columnName: string | undefined

  constructor(fn: string, location: CsvLocation, message: string, options?: ErrorOptions) {
    super(`${fn}: ${placeOf(location)}${message}`, options)
    this.line = location.line
    this.column = location.column
    this.columnName = location.columnName
  }
}

/** `line 7, column 'x' (index 1): `, or as much of it as is known. */
function placeOf({ line, column, columnName }: CsvLocation): string {
  const parts: string[] = []
  if (line !== undefined) parts.push(`line ${line}`)
  if (column !== undefined) parts.push(`column ${JSON.stringify(columnName ?? String(column))} (index ${column})`)
  return parts.length === 0 ? '' : `${parts.join(', ')}: `
}
