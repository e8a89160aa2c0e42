import { checkString } from '@gradstream/core'
import type { CsvData, LabeledCsvData, WithLabel } from './csvData'
import type { CsvOptions } from './csvOptions'
import { resolveCsvOptions } from './csvOptions'
import { CsvTableDecoder } from './CsvTableDecoder'
import { fileError, fileRecords } from './fileRecords'
import { parserSettings } from './parserSettings'

const FN = 'readCsv'

/**
 * Reads a CSV file that fits in memory into tensors: the feature columns as
 * `x` [rows, features] (every column but the label by default, or `columns`
 * in their order) and, with `label`, that column as `y` [rows]. The file is
 * parsed as a stream by csv-parse (RFC 4180 quoting, fields spanning lines,
 * CRLF or LF, a UTF-8 byte order mark dropped, blank lines skipped); only the
 * numbers are kept.
 *
 * Values: decimal text, spaces around it ignored, rounded once to `dtype`
 * (float32 by default, as TF1's `decode_csv`; int32 takes integers only).
 * NaN, infinities and empty fields are errors unless `allowNonFinite` (then
 * an empty field reads as NaN, as pandas reads it). Labels: numbers of
 * `labelType`, or with `labelType: 'class'` names mapped to int32 indices in
 * order of first appearance (pandas' `factorize`; stable while a file is
 * streamed), or in the order of `classes` when given; `classes` in the result
 * lists them. Columns not used are not parsed.
 *
 * Errors: a bad option, or a column that is not in the file, is a
 * ConfigError; a bad value, a row with another field count than the header,
 * malformed quoting, an empty file or one that cannot be opened is a
 * {@link CsvDataError} naming the line (1-based, the header is line 1) and
 * the column (name and 0-based index). The promise rejects with them.
 *
 * @example
 * const iris = await readCsv('examples/data/iris.csv', { label: 'species', labelType: 'class' })
 * iris.x.shape // [150, 4]
 * iris.classes // ['setosa', 'versicolor', 'virginica']
 */
export async function readCsv(path: string, options: CsvOptions & WithLabel): Promise<LabeledCsvData>
export async function readCsv(path: string, options?: CsvOptions): Promise<CsvData>
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvData> {
  checkString(FN, 'path', path)
  const resolved = resolveCsvOptions(FN, options)
  const decoder = new CsvTableDecoder(FN, 'the file', resolved)
  const settings = parserSettings(resolved)
  const { records, close } = fileRecords(FN, path, settings)
  try {
    for await (const record of records) decoder.add(record)
  } catch (error) {
    throw await fileError(FN, path, settings, error)
  } finally {
    close()
  }
  decoder.finish()
  const { x, y } = decoder.take()
  return { x, y, columns: decoder.featureNames, label: decoder.labelName, classes: decoder.classes }
}
