export * from './text'
export { readCsv } from './readCsv'
export { readCsvBatches } from './readCsvBatches'
export type { CsvBatch, LabeledCsvBatch } from './readCsvBatches'
