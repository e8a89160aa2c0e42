import { statSync } from 'node:fs'
import { ConfigError, checkInteger } from '@gradstream/core'
import { serveLogdir } from './serveLogdir'
import type { LogdirDashboard } from './serveLogdir'

const COMMAND = 'gradstream dashboard'
export const USAGE = 'usage: gradstream dashboard <logdir> [--port N] [--host 127.0.0.1]'
/** TensorBoard's port, so the habit carries over; --port 0 takes any free one. */
const DEFAULT_PORT = 6006

/** What the command line asks for. */
export interface DashboardArgs {
  readonly logdir: string
  readonly port: number
  readonly host: string
}

/**
 * Reads `gradstream dashboard <logdir> [--port N] [--host H]` (flags as
 * `--port 8080` or `--port=8080`); a `ConfigError` says what is wrong.
 *
 * @example
 * parseDashboardArgs(['dashboard', 'runs', '--port', '8080']) // { logdir: 'runs', port: 8080, host: '127.0.0.1' }
 */
export function parseDashboardArgs(argv: readonly string[]): DashboardArgs {
  const [command, ...rest] = argv
  if (command !== 'dashboard') {
    const got = command === undefined ? 'none' : JSON.stringify(command)
    throw new ConfigError('gradstream', `unknown command ${got}; expected dashboard`)
  }
  const flags = new Map<string, string>()
  const positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg]
    if (flag !== '--port' && flag !== '--host') {
      throw new ConfigError(COMMAND, `unknown option '${flag}'; expected one of --port, --host`)
    }
    const value = inline ?? rest[++i]
    if (value === undefined) throw new ConfigError(COMMAND, `${flag} needs a value`)
    flags.set(flag, value)
  }
  if (positional.length !== 1) {
    const got = positional.length === 0 ? 'none' : positional.map((p) => JSON.stringify(p)).join(', ')
    throw new ConfigError(COMMAND, `expected one log directory, got ${got}`)
  }
  const port = flags.has('--port') ? Number(flags.get('--port')) : DEFAULT_PORT
  checkInteger(COMMAND, '--port', port, 0, 65535)
  return { logdir: positional[0]!, port, host: flags.get('--host') ?? '127.0.0.1' }
}

/** Where the command writes. */
export interface CommandOutput {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

/**
 * Runs `gradstream dashboard`: serves the log directory until the process
 * is stopped. Resolves with the dashboard, or with the exit code 2 after
 * printing what was wrong with the arguments or that the directory is missing
 * (1 when the server cannot start).
 */
export async function runDashboardCommand(
  argv: readonly string[],
  output: CommandOutput,
): Promise<LogdirDashboard | number> {
  let args: DashboardArgs
  try {
    args = parseDashboardArgs(argv)
  } catch (error) {
    output.err(`${errorText(error)}\n${USAGE}`)
    return 2
  }
  if (statSync(args.logdir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    output.err(`${COMMAND}: no directory ${JSON.stringify(args.logdir)}\n${USAGE}`)
    return 2
  }
  output.out(`${COMMAND}: reading ${args.logdir}`) // a directory of long runs takes seconds
  try {
    const dashboard = await serveLogdir(args.logdir, { port: args.port, host: args.host })
    const runs = dashboard.runs().length
    output.out(`${COMMAND}: ${runs} run${runs === 1 ? '' : 's'} in ${args.logdir} (more are picked up as they appear)`)
    output.out(`open ${dashboard.url}`)
    return dashboard
  } catch (error) {
    const inUse = (error as { code?: unknown } | null)?.code === 'EADDRINUSE'
    output.err(inUse ? `${COMMAND}: port ${args.port} is in use; pass --port N (0 picks a free one)` : errorText(error))
    return 1
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))
