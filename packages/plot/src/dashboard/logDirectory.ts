import { open, readdir } from 'node:fs/promises'
import { basename, dirname, join, sep } from 'node:path'
import { EventFileError, EventFileReader } from '@gradstream/logs'
import { RunLog } from './runLog'
import { WarningList } from './warningList'

/** Bytes read from a log file at a time: a long finished run is read in pieces, not held whole. */
const CHUNK_BYTES = 4 << 20
const NEWLINE = 0x0a

/** A JSON Lines log file and how far it has been read: up to the end of its last whole line. */
interface TailedFile {
  readonly path: string
  readonly run: RunLog
  offset: number
}

/** A TensorBoard events file of a run's folder, read as it grows. */
interface TailedEvents {
  readonly run: RunLog
  readonly reader: EventFileReader
}

/** TensorBoard's test for an events file: the name holds `tfevents`. */
const isEventsFile = (path: string) => basename(path).includes('tfevents')
const isJsonlLog = (path: string) => path.endsWith('.jsonl') && !path.endsWith('.hparams.jsonl')

/**
 * The runs of a log directory, as `tensorboard --logdir` finds them: every
 * `*.jsonl` file that `jsonlLog` writes, at any depth (not csvLog's
 * `.hparams.jsonl` sidecars), and every folder holding TensorBoard events
 * files (names with `tfevents`, of `tensorBoard` or TensorFlow). A run is
 * named by its folder's path relative to the directory (`sgd-0.1`,
 * `sweep/lr-0.01`; `.` for events files directly in it); a log file directly
 * in the directory, or a second one in a folder, is named by its own relative
 * path. The events files of a folder belong to its first run, the one named
 * by the folder, and are read in name order, as TensorBoard reads a run's
 * files; that run takes only its histograms from them when it has a JSON
 * Lines file (found in the same poll or before). `poll()` finds new files and
 * reads what was appended to every file since, so runs still being written
 * grow as they are polled; a last line without its newline yet, or a last
 * record cut short, is read once it is whole.
 */
export class LogDirectory {
  /** The runs in the order they were found. */
  readonly runs: RunLog[] = []
  /** Problems with the directory itself (unreadable, gone). */
  readonly #warnings = new WarningList()
  readonly #files = new Map<string, TailedFile>()
  readonly #eventFiles = new Map<string, TailedEvents>()
  /** Per folder, the run named by it (or by its first file), which its events files feed. */
  readonly #folderRuns = new Map<string, RunLog>()

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
    for (const [path, { run, reader }] of this.#eventFiles) {
      try {
        // a chunk's events at a time: a long file's are never all held at once
        for (let events = await reader.read(); events.length > 0; events = await reader.read()) {
          run.addEvents(events)
          changed = true
        }
      } catch (error) {
        // a corrupt record says which file and where; the file is read no further than that record
        this.#warnings.add(error instanceof EventFileError ? error.message : `cannot read ${path}: ${errorText(error)}`)
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
    const paths = entries.map((path) => path.split(sep).join('/'))
    const found = paths.filter((path) => isJsonlLog(path) && !this.#files.has(path)).sort()
    for (const path of found) {
      const folder = dirname(path)
      const name = folder === '.' || this.#folderRuns.has(folder) ? path : folder
      const run = new RunLog(name, path)
      if (!this.#folderRuns.has(folder)) this.#folderRuns.set(folder, run)
      this.runs.push(run)
      this.#files.set(path, { path: join(this.root, path), run, offset: 0 })
    }
    // after the JSON Lines files, so that a run logged in both formats found in one poll is one run
    const events = paths.filter((path) => isEventsFile(path) && !this.#eventFiles.has(path)).sort()
    for (const path of events) {
      const folder = dirname(path)
      let run = this.#folderRuns.get(folder)
      if (run === undefined) {
        run = new RunLog(folder, path, true)
        this.#folderRuns.set(folder, run)
        this.runs.push(run)
      }
      this.#eventFiles.set(path, { run, reader: new EventFileReader(join(this.root, path), 'gradstream dashboard') })
    }
    return found.length > 0 || events.length > 0
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
