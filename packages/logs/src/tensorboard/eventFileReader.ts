import { checkString } from '@gradstream/core'
import { open } from 'node:fs/promises'
import { EventDecoder } from './eventDecoder'
import type { TensorBoardEvent } from './eventDecoder'
import { EventFileError } from './EventFileError'
import { splitTfRecords } from './tfRecordFrames'

/** Bytes read at a time: a long finished run is read in pieces, not held whole (a longer record is read whole). */
const CHUNK_BYTES = 4 << 20
/** A TFRecord's bytes besides its data: length, length CRC, data CRC. */
const FRAME_BYTES = 16

/**
 * Follows one TensorBoard events file as it grows, as TensorBoard does:
 * each `read()` returns the events of the next whole records, those in the
 * next 4 MiB of the file (or the next record, if longer): call it until it
 * returns none to have everything appended so far, a chunk's events at a
 * time rather than a long file's all at once. A record cut short at the end of the file is not an error (its
 * writer may be finishing it): it is read once whole. A file that became
 * shorter than what was read was replaced, and is read again from its start.
 *
 * Records are TFRecord frames checked as TensorFlow's `RecordReader` checks
 * them (the masked CRC-32C of the length and of the data) and decoded as
 * `tensorflow.Event`: TF1 scalars (`simple_value`) and histograms
 * (`HistogramProto`), TF2 scalars and histograms (tensors of the scalars and
 * histograms plugins), and the HParams plugin's session start. A wrong CRC or
 * bytes that are not an Event make `read()` reject with an `EventFileError`
 * naming the file and the record's byte offset, after the events before it
 * were returned by an earlier `read()`; the reader stays at that record.
 *
 * @example
 * const reader = new EventFileReader('runs/a/events.out.tfevents.1764770000.box')
 * const events = await reader.read() // the first 4 MiB's events; call again for the rest and what is appended
 * events.flatMap((e) => e.scalars.map((s) => `${e.step} ${s.tag} ${s.value}`))
 */
export class EventFileReader {
  readonly #fn: string
  #decoder = new EventDecoder()
  #offset = 0

  /** `fn` names the public function in errors. */
  constructor(
    readonly path: string,
    fn = 'EventFileReader',
  ) {
    checkString(fn, 'path', path)
    this.#fn = fn
  }

  /** Bytes of whole records read so far. */
  get offset(): number {
    return this.#offset
  }

  /** The events of the next whole records, up to 4 MiB of them (none while the file has not grown by a whole record). */
  async read(): Promise<TensorBoardEvent[]> {
    const handle = await open(this.path, 'r')
    try {
      const { size } = await handle.stat()
      if (size < this.#offset) {
        this.#offset = 0
        this.#decoder = new EventDecoder()
      }
      const events: TensorBoardEvent[] = []
      let want = CHUNK_BYTES
      // one pass, or two when the next record is longer than a chunk
      while (this.#offset < size) {
        const bytes = new Uint8Array(Math.min(want, size - this.#offset))
        const { bytesRead } = await handle.read(bytes, 0, bytes.length, this.#offset)
        const frames = splitTfRecords(bytes.subarray(0, bytesRead))
        const start = this.#offset
        for (const record of frames.records) {
          const event = this.#decode(record.data, start + record.offset, events.length > 0)
          if (event === undefined) return events
          events.push(event)
          this.#offset = start + record.offset + FRAME_BYTES + record.data.length
        }
        if (frames.corrupt !== undefined) {
          if (events.length > 0) return events // the error comes with the next read, which starts at that record
          throw new EventFileError(this.#fn, this.path, start + frames.corrupt.offset, frames.corrupt.problem)
        }
        // one chunk's events at a time, so a long file's events need not all be held at once
        if (frames.consumed > 0) break
        // a record longer than the chunk is read whole, once the file holds it all
        if (frames.needed > bytesRead && this.#offset + frames.needed <= size) want = frames.needed
        else break
      }
      return events
    } finally {
      await handle.close()
    }
  }

  /** The record's event; undefined when it is not one and events before it are returned first. */
  #decode(data: Uint8Array, offset: number, returnFirst: boolean): TensorBoardEvent | undefined {
    try {
      return this.#decoder.decode(data)
    } catch (error) {
      if (returnFirst) return undefined
      const reason = error instanceof Error ? error.message : String(error)
      throw new EventFileError(this.#fn, this.path, offset, `not a tensorflow.Event (${reason})`, { cause: error })
    }
  }
}

/**
 * The events of a TensorBoard events file (`events.out.tfevents.*`, of
 * `tensorBoard` or of TensorFlow): TF1 and TF2 scalars and histograms and
 * the HParams plugin's hyper-parameters, in file order. A last record cut
 * short (a run still writing) is left out; use `EventFileReader` to follow
 * a file as it grows.
 * @throws EventFileError for a record whose CRC does not match or whose bytes are not an Event, naming the file and
 * the record's byte offset.
 * @example
 * const events = await readTensorBoardEvents('runs/a/events.out.tfevents.1764770000.box')
 * events.find((e) => e.hparams !== undefined)?.hparams // { optimizer: 'adam', learningRate: 0.001 }
 */
export async function readTensorBoardEvents(path: string): Promise<TensorBoardEvent[]> {
  const reader = new EventFileReader(path, 'readTensorBoardEvents')
  const events: TensorBoardEvent[] = []
  // pushed one by one: spreading a long file's events into push() would overflow the stack
  for (let more = await reader.read(); more.length > 0; more = await reader.read()) for (const e of more) events.push(e)
  return events
}
