import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream'
import { parse } from 'csv-parse'
import { CsvDataError } from './CsvDataError'
import type { ResolvedCsvOptions } from './csvOptions'
import { fromParserError, parserSettings } from './parserSettings'
import type { ParsedRecord } from './parserSettings'

/** The records of a CSV file as they are parsed, and a way to stop reading it. */
export interface FileRecords {
  /** Pulls records one at a time: the file is read only as fast as they are taken. */
  readonly records: AsyncIterable<ParsedRecord>
  /** Stops reading and closes the file; a loop over `records` then ends with an error. */
  readonly close: () => void
}

/** Opens `path` and parses it as a stream: csv-parse's Transform fed by a file stream, with the pipeline's backpressure. */
export function fileRecords(fn: string, path: string, options: ResolvedCsvOptions): FileRecords {
  const source = createReadStream(path)
  const parser = parse(parserSettings(options))
  // A failure of either stream destroys the parser, so it reaches the loop over the records.
  pipeline(source, parser, () => {})
  async function* records(): AsyncGenerator<ParsedRecord> {
    try {
      for await (const parsed of parser) yield parsed as ParsedRecord // `info: true` makes each record { record, info }
    } catch (error) {
      throw readError(fn, path, error)
    } finally {
      source.destroy()
    }
  }
  return { records: records(), close: () => source.destroy() }
}

function readError(fn: string, path: string, error: unknown): unknown {
  const converted = fromParserError(fn, error)
  if (converted !== error) return converted
  const reason = error instanceof Error ? error.message : String(error)
  return new CsvDataError(fn, {}, `cannot read ${JSON.stringify(path)}: ${reason}`, { cause: error })
}
