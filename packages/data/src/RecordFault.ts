import { CsvDataError } from './CsvDataError'
import type { CsvLocation } from './CsvDataError'

/**
 * A fault in the record with this 1-based number (the header is record 1),
 * before its line is known. Lines are counted only once a fault is reported,
 * by parsing the source again up to that record: asking csv-parse for line
 * numbers on every record makes it two to three times slower.
 */
export class RecordFault extends Error {
  readonly record: number
  readonly location: Omit<CsvLocation, 'line'>

  constructor(record: number, location: Omit<CsvLocation, 'line'>, message: string) {
    super(message)
    this.record = record
    this.location = location
  }

  /** The fault as the CsvDataError of `fn`, on `line` when it was found. */
  at(fn: string, line: number | undefined): CsvDataError {
    return new CsvDataError(fn, { ...this.location, line }, this.message)
  }
}
