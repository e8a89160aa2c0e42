// The browser entry, `@gradstream/data/text`: CSV text to tensors, importing nothing from Node.
export { parseCsv } from './parseCsv'
export { CsvDataError } from './CsvDataError'
export type { CsvLocation } from './CsvDataError'
export type { CsvData, LabeledCsvData, WithLabel } from './csvData'
export type { CsvOptions, CsvBatchOptions, ColumnRef, CsvDType, LabelType } from './csvOptions'
