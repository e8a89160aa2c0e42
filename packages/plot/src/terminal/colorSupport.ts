import type { TextOutput } from './textOutput'

/** The environment variables that decide colour, as `process.env` holds them. */
export type ColorEnvironment = Readonly<Record<string, string | undefined>>

/**
 * Whether text for `output` is coloured when the caller did not say: on a
 * terminal, unless `NO_COLOR` is set to a non-empty value (no-color.org) or
 * `TERM` is `dumb`. `FORCE_COLOR` overrides both ways, as in Node's
 * `tty.WriteStream.getColorDepth()`: `0` or `false` turns colour off, any
 * other value (empty included) on, even for a pipe or a file.
 *
 * @example
 * colorsByDefault({ isTTY: true, write: () => true }, { NO_COLOR: '1' }) // false
 */
export function colorsByDefault(output: TextOutput, env: ColorEnvironment = process.env): boolean {
  const force = env['FORCE_COLOR']
  if (force !== undefined) return force !== '0' && force !== 'false'
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false
  return output.isTTY === true && env['TERM'] !== 'dumb'
}
