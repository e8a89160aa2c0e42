import { open, readdir } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { RunLog } from './runLog'
import { WarningList } from './warningList'

/** Bytes read from a log file at a time: a long finished run is read in pieces, not held whole. */
const CHUNK_BYTES = 4 << 20
const NEWLINE = 0x0a

/** A log file and how far it has been read: up to the end of its last whole line. */
interface TailedFile {
  readonly path: string
  readonly run: RunLog
  offset: number
}

/**
 * The runs of a log directory, as `tensorboard --logdir` finds them: every
 * `*.jsonl` file that `jsonlLog` writes, at any depth (not csvLog's
 * `.hparams.jsonl` sidecars). A run is named by its folder's path relative to
 * the directory (`sgd-0.1`, `sweep/lr-0.01`); a log file directly in the
 * directory, or a second one in a folder, is named by its own relative path.
 * `poll()` finds new files and reads what was appended to every file since,
 * so runs still being written grow as they are polled; a last line without
 * its newline yet is read once it is whole.
 */
export class LogDirectory {
  /** The runs in the order they were found. */
  readonly runs: RunLog[] = []
  /** Problems with the directory itself (unreadable, gone). */
  readonly #warnings = new WarningList()
  readonly #files = new Map<string, TailedFile>()
  readonly #foldersWithRuns = new Set<string>()

  constructor(readonly root: string) {}

  get warnings(): readonly string[] {
    return this.#warnings.items
  }

  /** Finds new log files and reads what every file gained; resolves with whether any run changed. */
  async poll(): Promise<boolean> {
    let changed = await this.#discover()
    for (const file of this.#files.values()) {
      try {
        if (await readAppended(file)) changed = true
      } catch (error) {
        this.#warnings.add(`cannot read ${file.run.file}: ${errorText(error)}`)
      }
    }
    return changed
  }

  async #discover(): Promise<boolean> {
    let entries: string[]
    try {
      entries = await readdir(this.root, { recursive: true })
    } catch (error) {
      this.#warnings.add(`cannot list ${this.root}: ${errorText(error)}`)
      return false
    }
    const found = entries
      .filter((path) => path.endsWith('.jsonl') && !path.endsWith('.hparams.jsonl'))
      .map((path) => path.split(sep).join('/'))
      .filter((path) => !this.#files.has(path))
      .sort()
    for (const path of found) {
      const folder = dirname(path)
      const name = folder === '.' || this.#foldersWithRuns.has(folder) ? path : folder
      this.#foldersWithRuns.add(folder)
      const run = new RunLog(name, path)
      this.runs.push(run)
      this.#files.set(path, { path: join(this.root, path), run, offset: 0 })
    }
    return found.length > 0
  }
}

/** Reads the whole lines appended to `file` since the last read into its run; true if there were any. */
async function readAppended(file: TailedFile): Promise<boolean> {
  const handle = await open(file.path, 'r')
  try {
    const { size } = await handle.stat()
    if (size < file.offset) {
      // replaced by a shorter file: read it from the start (the run's series drop the steps it repeats)
      file.offset = 0
      file.run.restart()
    }
    let read = false
    const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(size - file.offset, 1)))
    while (file.offset < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - file.offset), file.offset)
      const end = bytesRead === 0 ? -1 : buffer.lastIndexOf(NEWLINE, bytesRead - 1)
      // no whole line yet; a line longer than a chunk would wait forever, but log lines are far shorter
      if (end < 0) break
      file.run.addLines(buffer.toString('utf8', 0, end))
      file.offset += end + 1
      read = true
    }
    return read
  } finally {
    await handle.close()
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))
