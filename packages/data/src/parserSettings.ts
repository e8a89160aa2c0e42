import { CsvDataError } from './CsvDataError'
import type { ResolvedCsvOptions } from './csvOptions'

/** One record as csv-parse gives it with `info: true`: the fields and the line the record ends on. */
export interface ParsedRecord {
  readonly record: readonly string[]
  readonly info: { readonly lines: number }
}

/** The csv-parse options of every reader. */
export interface ParserSettings {
  readonly bom: true
  readonly delimiter: string
  readonly skip_empty_lines: true
  readonly relax_column_count: true
}

/**
 * csv-parse's options for every reader: a UTF-8 byte order mark dropped,
 * CRLF, LF or CR line ends detected, RFC 4180 quoting, blank lines skipped
 * (as pandas does), and rows of any length passed on so that the decoder
 * names a ragged row itself.
 */
export function parserSettings(options: ResolvedCsvOptions): ParserSettings {
  return { bom: true, delimiter: options.delimiter, skip_empty_lines: true, relax_column_count: true }
}

/** The settings that parse the first `recordNumber` records with their line numbers (see {@link RecordFault}). */
export function lineSettings(settings: ParserSettings, recordNumber: number) {
  return { ...settings, info: true, to: recordNumber } as const
}

/** csv-parse's error for malformed text (an unclosed quote, text after a closing quote) as a CsvDataError; other errors unchanged. */
export function fromParserError(fn: string, error: unknown): unknown {
  const { code, lines, message } = error as { code?: unknown; lines?: unknown; message?: unknown }
  if (typeof code !== 'string' || !code.startsWith('CSV_')) return error
  const line = typeof lines === 'number' ? lines : undefined
  return new CsvDataError(fn, { line }, `malformed CSV (${String(message)})`, { cause: error })
}
