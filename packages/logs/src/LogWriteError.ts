import { GradstreamError } from '@gradstream/core'

/**
 * A log file that could not be opened, read or written (a missing permission,
 * a full disk). The message starts with the logger's name and says which file;
 * the error behind it is the `cause`.
 * @example
 * // LogWriteError: jsonlLog: writing 'runs/a/log.jsonl' failed: EACCES: permission denied, ...
 * step$.pipe(jsonlLog('runs/a/log.jsonl')).subscribe({ error: (e) => e instanceof LogWriteError }) // true
 */
export class LogWriteError extends GradstreamError {
  override name = 'LogWriteError'

  constructor(fn: string, path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(`${fn}: writing '${path}' failed: ${reason}`, { cause })
  }
}
