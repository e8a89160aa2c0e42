import { ConfigError, describe } from '@gradstream/core'

/**
 * Where text goes: anything with a `write(text)` method, such as
 * `process.stdout`, `process.stderr`, a file stream or a plain object.
 * `isTTY` marks a terminal, where a progress bar or chart redraws in place,
 * cut to `columns` (default 80) and at most `rows` (default 24) high; Node's
 * TTY streams have all three.
 *
 * @example
 * const lines: string[] = []
 * const output: TextOutput = { write: (text) => lines.push(text) }
 * step$.pipe(logSteps((s) => `step ${s.step}`, { output })).subscribe()
 */
export interface TextOutput {
  write(text: string): unknown
  readonly isTTY?: boolean
  /** The terminal's width in cells. */
  readonly columns?: number
  /** The terminal's height in rows. */
  readonly rows?: number
}

/** Throws unless `value` has a `write` method. */
export function checkTextOutput(fn: string, name: string, value: unknown): asserts value is TextOutput {
  const write: unknown = typeof value === 'object' && value !== null ? (value as { write?: unknown }).write : undefined
  if (typeof write !== 'function') {
    throw new ConfigError(fn, `${name} must have a write(text) method, such as process.stdout; got ${describe(value)}`)
  }
}
