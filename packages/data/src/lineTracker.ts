import type { ParsedRecord } from './parserSettings'

/**
 * The line a record starts on, as an editor numbers lines, from csv-parse's
 * `info.lines`: the line the record ends on, where csv-parse counts the \r
 * and the \n of a CRLF inside a quoted field as two lines (csv-parse 7.0).
 * The tracker takes those extra counts off, for this record and every later one.
 */
export class LineTracker {
  #extraLines = 0

  /** The first line of `record`, which csv-parse says ends on line `parserLines`; call once per record, in order. */
  startLine(record: readonly string[], parserLines: number): number {
    let breaks = 0
    for (const field of record) {
      const crlf = countOf(field, '\r\n')
      this.#extraLines += crlf
      breaks += countOf(field, '\r') + countOf(field, '\n') - crlf
    }
    return parserLines - this.#extraLines - breaks
  }
}

function countOf(text: string, part: string): number {
  let count = 0
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++
  return count
}

/** The first line of record `recordNumber` (1-based) among `records` parsed with `info: true`; undefined past the last. */
export function lineOfRecord(records: Iterable<ParsedRecord>, recordNumber: number): number | undefined {
  const tracker = new LineTracker()
  let count = 0
  for (const { record, info } of records) {
    const line = tracker.startLine(record, info.lines)
    if (++count === recordNumber) return line
  }
  return undefined
}

/** {@link lineOfRecord} for records that arrive asynchronously, from a file. */
export async function lineOfRecordIn(
  records: AsyncIterable<ParsedRecord>,
  recordNumber: number,
): Promise<number | undefined> {
  const tracker = new LineTracker()
  let count = 0
  for await (const { record, info } of records) {
    const line = tracker.startLine(record, info.lines)
    if (++count === recordNumber) return line
  }
  return undefined
}
