// csv-parse's browser build: the same parser with its own Buffer shim, so
// this entry runs in a browser as well as in Node.
import { parse } from 'csv-parse/browser/esm/sync'
import { checkString } from '@gradstream/core'
import type { CsvData, LabeledCsvData, WithLabel } from './csvData'
import type { CsvOptions } from './csvOptions'
import { resolveCsvOptions } from './csvOptions'
import { CsvTableDecoder } from './CsvTableDecoder'
import { lineOfRecord } from './lineTracker'
import { fromParserError, lineSettings, parserSettings } from './parserSettings'
import type { ParsedRecord } from './parserSettings'
import { RecordFault } from './RecordFault'

const FN = 'parseCsv'

/**
 * Reads CSV text into tensors, without Node: the features `x` [rows,
 * features] and, with `label`, the labels `y` [rows]. Everything
 * {@link readCsv} says about options, values and errors holds here, with
 * 'the text' for 'the file' in messages.
 *
 * @example
 * const { x, y, columns } = parseCsv('a,b,y\n1,2,0\n3,4,1\n', { label: 'y', labelType: 'int32' })
 * x.toArray() // [[1, 2], [3, 4]]
 * y.toArray() // [0, 1]
 * columns // ['a', 'b']
 */
export function parseCsv(text: string, options: CsvOptions & WithLabel): LabeledCsvData
export function parseCsv(text: string, options?: CsvOptions): CsvData
export function parseCsv(text: string, options: CsvOptions = {}): CsvData {
  checkString(FN, 'text', text)
  const resolved = resolveCsvOptions(FN, options)
  const decoder = new CsvTableDecoder(FN, 'the text', resolved)
  const settings = parserSettings(resolved)
  let records: string[][]
  try {
    records = parse(text, settings)
  } catch (error) {
    throw fromParserError(FN, error)
  }
  try {
    for (const record of records) decoder.add(record)
  } catch (error) {
    if (!(error instanceof RecordFault)) throw error
    const located = parse(text, lineSettings(settings, error.record)) as unknown as ParsedRecord[] // `info: true` makes each record { record, info }
    throw error.at(FN, lineOfRecord(located, error.record))
  }
  decoder.finish()
  const { x, y } = decoder.take()
  return { x, y, columns: decoder.featureNames, label: decoder.labelName, classes: decoder.classes }
}
