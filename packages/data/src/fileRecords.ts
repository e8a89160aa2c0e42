import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream'
import { parse } from 'csv-parse'
import { CsvDataError } from './CsvDataError'
import { lineOfRecordIn } from './lineTracker'
import { fromParserError, lineSettings } from './parserSettings'
import type { ParsedRecord, ParserSettings } from './parserSettings'
import { RecordFault } from './RecordFault'

/** The records of a CSV file as they are parsed, and a way to stop reading it. */
export interface FileRecords<R> {
  /** Pulls records one at a time: the file is read only as fast as they are taken. */
  readonly records: AsyncIterable<R>
  /** Stops reading and closes the file; a loop over `records` then ends with an error. */
  readonly close: () => void
}

/** Opens `path` and parses it as a stream: csv-parse's Transform fed by a file stream, with the pipeline's backpressure. */
export function fileRecords(
  fn: string,
  path: string,
  settings: ReturnType<typeof lineSettings>,
): FileRecords<ParsedRecord>
export function fileRecords(fn: string, path: string, settings: ParserSettings): FileRecords<string[]>
export function fileRecords(fn: string, path: string, settings: object): FileRecords<unknown> {
  const source = createReadStream(path)
  const parser = parse(settings)
  // A failure of either stream destroys the parser, so it reaches the loop over the records.
  pipeline(source, parser, () => {})
  async function* records(): AsyncGenerator<unknown> {
    try {
      yield* parser
    } catch (error) {
      throw readError(fn, path, error)
    } finally {
      source.destroy()
    }
  }
  return { records: records(), close: () => source.destroy() }
}

/**
 * `error` as the reader's error: a {@link RecordFault} becomes a CsvDataError
 * on the record's line, found by reading the file again up to that record.
 */
export async function fileError(fn: string, path: string, settings: ParserSettings, error: unknown): Promise<unknown> {
  if (!(error instanceof RecordFault)) return error
  const { records, close } = fileRecords(fn, path, lineSettings(settings, error.record))
  try {
    return error.at(fn, await lineOfRecordIn(records, error.record))
  } catch {
    return error.at(fn, undefined) // the file changed or went away since: the fault without its line
  } finally {
    close()
  }
}

function readError(fn: string, path: string, error: unknown): unknown {
  const converted = fromParserError(fn, error)
  if (converted !== error) return converted
  const reason = error instanceof Error ? error.message : String(error)
  return new CsvDataError(fn, {}, `cannot read ${JSON.stringify(path)}: ${reason}`, { cause: error })
}
