import { readFile, rename, writeFile } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { appendPieces, encodeLines, openForAppend } from './fileAppends'
import { csvField, parseCsvLine } from './csvText'

/**
 * A CSV file of rows keyed by column name, appended to. Its columns are the
 * existing header's, then each new name in the order it first appears. A row
 * with a column the header lacks widens the file: the whole file is written
 * anew beside it, with the wider header and an empty cell at the end of each
 * earlier row, and renamed over the old one (atomic, so a crash leaves the
 * old file or the new, whole). That happens once per new column, typically
 * when the first evaluation adds its `eval/...` columns.
 */
export class CsvFile {
  readonly #path: string
  #handle: FileHandle | undefined
  #columns: string[] = []

  constructor(path: string) {
    this.#path = path
  }

  /** Appends the rows (column name to cell text; a missing column is an empty cell). */
  async append(rows: readonly ReadonlyMap<string, string>[]): Promise<void> {
    if (this.#handle === undefined) await this.#open()
    const known = new Set(this.#columns)
    const added = [...new Set(rows.flatMap((row) => [...row.keys()]))].filter((name) => !known.has(name))
    if (added.length > 0) await this.#widen(added)
    const lines = rows.map((row) => this.#columns.map((name) => row.get(name) ?? '').join(','))
    await appendPieces(this.#handle!, encodeLines(lines))
  }

  async close(): Promise<void> {
    await this.#handle?.close()
    this.#handle = undefined
  }

  async #open(): Promise<void> {
    const { handle, endsWithNewline } = await openForAppend(this.#path)
    this.#handle = handle
    const text = (await handle.stat()).size === 0 ? '' : await firstLine(handle)
    this.#columns = text === '' ? [] : parseCsvLine(text)
    if (!endsWithNewline) await appendPieces(handle, encodeLines(['']))
  }

  async #widen(added: readonly string[]): Promise<void> {
    const columns = [...this.#columns, ...added]
    const header = columns.map(csvField).join(',')
    if (this.#columns.length === 0) {
      await appendPieces(this.#handle!, encodeLines([header]))
    } else {
      const [, ...rows] = (await readFile(this.#path, 'utf8')).split('\n')
      const padding = ','.repeat(added.length)
      const body = rows.map((row) => (row === '' ? row : row + padding)).join('\n')
      const next = `${this.#path}.${process.pid}.widen`
      await writeFile(next, `${header}\n${body}`)
      await this.#handle!.close()
      this.#handle = undefined
      await rename(next, this.#path)
      this.#handle = (await openForAppend(this.#path)).handle
    }
    this.#columns = columns
  }
}

/** The file's first line, read in pieces so a long log is not read whole. */
async function firstLine(handle: FileHandle): Promise<string> {
  const chunks: Buffer[] = []
  const chunk = Buffer.alloc(64 * 1024)
  for (let position = 0; ; position += chunk.length) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
    const end = chunk.subarray(0, bytesRead).indexOf(0x0a)
    chunks.push(Buffer.from(chunk.subarray(0, end === -1 ? bytesRead : end)))
    if (end !== -1 || bytesRead < chunk.length) return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '')
  }
}
