import { GradstreamError } from '@gradstream/core'

/**
 * An events file that cannot be read as TFRecord-framed `tensorflow.Event`
 * protos: a record whose masked CRC-32C does not match its bytes, or whose
 * bytes are not an Event. The message starts with the reading function's
 * name, then names the file and the byte offset of the record at fault.
 * A record cut short at the end of the file is not an error: it is waited for.
 * @example
 * // EventFileError: readTensorBoardEvents: 'runs/a/events.out.tfevents.1764770000.box': record at byte 40: ...
 * await readTensorBoardEvents(path).catch((e) => e instanceof EventFileError) // true for a corrupt file
 */
export class EventFileError extends GradstreamError {
  override name = 'EventFileError'

  constructor(fn: string, path: string, offset: number, problem: string, options?: ErrorOptions) {
    super(`${fn}: '${path}': record at byte ${offset}: ${problem}`, options)
  }
}
