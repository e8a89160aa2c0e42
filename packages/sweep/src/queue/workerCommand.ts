import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError, checkInteger } from '@gradstream/core'
import { queueWorker } from './queueWorker'
import type { QueueWorker } from './queueWorker'

const COMMAND = 'gradstream-worker'

/**
 * The command's usage, printed by `--help` and after a mistake.
 * @example WORKER_USAGE.split('\n')[0] // 'usage: gradstream-worker --queue NAME --modules DIR --logdir DIR [--redis URL] [--concurrency N]'
 */
export const WORKER_USAGE = [
  `usage: ${COMMAND} --queue NAME --modules DIR --logdir DIR [--redis URL] [--concurrency N]`,
  '                         [--checkpoint-every N] [--stall-timeout MS]',
  "  --queue NAME           the queue the sweep puts its runs in (its queue engine's queueName)",
  '  --modules DIR          run modules are imported only from under DIR',
  '  --logdir DIR           runs are written only under DIR, the log directory shared with the sweep',
  '  --redis URL            the Redis of the queue (default redis://127.0.0.1:6379)',
  '  --concurrency N        runs at once, each on its own thread (default 1)',
  '  --checkpoint-every N   each run writes its checkpoint every N steps (default 100)',
  '  --stall-timeout MS     a worker silent this long loses its job to another (default 30000)',
].join('\n')

const FLAGS = ['--queue', '--modules', '--logdir', '--redis', '--concurrency', '--checkpoint-every', '--stall-timeout']

/**
 * What the command line asks for.
 * @example const args: WorkerArgs = parseWorkerArgs(['--queue', 'lr', '--modules', '/code', '--logdir', '/runs'])
 */
export interface WorkerArgs {
  readonly redis: string
  readonly queue: string
  readonly modules: string
  readonly logdir: string
  readonly concurrency: number
  readonly checkpointEvery: number
  readonly stallTimeout: number
}

/**
 * Reads the worker's command line (flags as `--queue q` or `--queue=q`);
 * a ConfigError says what is wrong. Directories are made absolute.
 * @example
 * parseWorkerArgs(['--queue', 'lr', '--modules', '/code', '--logdir', '/runs']).redis // 'redis://127.0.0.1:6379'
 */
export function parseWorkerArgs(argv: readonly string[]): WorkerArgs {
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) throw new ConfigError(COMMAND, `unexpected argument ${JSON.stringify(arg)}`)
    const equals = arg.indexOf('=')
    const flag = equals < 0 ? arg : arg.slice(0, equals)
    if (!FLAGS.includes(flag))
      throw new ConfigError(COMMAND, `unknown option '${flag}'; expected one of ${FLAGS.join(', ')}`)
    const value = equals < 0 ? argv[++i] : arg.slice(equals + 1)
    if (value === undefined || value === '') throw new ConfigError(COMMAND, `${flag} needs a value`)
    flags.set(flag, value)
  }
  const missing = ['--queue', '--modules', '--logdir'].filter((flag) => !flags.has(flag))
  if (missing.length > 0) throw new ConfigError(COMMAND, `missing ${missing.join(', ')}`)
  const integer = (flag: string, fallback: number, least: number) => {
    const value = flags.has(flag) ? Number(flags.get(flag)) : fallback
    checkInteger(COMMAND, flag, value, least)
    return value
  }
  return {
    redis: flags.get('--redis') ?? 'redis://127.0.0.1:6379',
    queue: flags.get('--queue')!,
    modules: resolve(flags.get('--modules')!),
    logdir: resolve(flags.get('--logdir')!),
    concurrency: integer('--concurrency', 1, 1),
    checkpointEvery: integer('--checkpoint-every', 100, 1),
    stallTimeout: integer('--stall-timeout', 30_000, 100),
  }
}

/**
 * Where the command writes.
 * @example const output: WorkerCommandOutput = { out: console.log, err: console.error }
 */
export interface WorkerCommandOutput {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

/**
 * Runs `gradstream-worker`: takes runs from the queue until closed. Resolves
 * with the worker, or with an exit code: 0 after `--help`, 2 after printing
 * what is wrong with the arguments, 1 when the worker cannot start (Redis out
 * of reach).
 * @example
 * const worker = await runWorkerCommand(['--queue', 'lr', '--modules', 'code', '--logdir', 'runs'], { out: console.log, err: console.error })
 */
export async function runWorkerCommand(
  argv: readonly string[],
  output: WorkerCommandOutput,
): Promise<QueueWorker | number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(WORKER_USAGE)
    return 0
  }
  let args: WorkerArgs
  try {
    args = parseWorkerArgs(argv)
  } catch (error) {
    output.err(`${messageOf(error)}\n${WORKER_USAGE}`)
    return 2
  }
  for (const [flag, dir] of [
    ['--modules', args.modules],
    ['--logdir', args.logdir],
  ]) {
    if (statSync(dir!, { throwIfNoEntry: false })?.isDirectory() !== true) {
      output.err(`${COMMAND}: ${flag}: no directory ${JSON.stringify(dir)}\n${WORKER_USAGE}`)
      return 2
    }
  }
  try {
    return await queueWorker({
      connection: args.redis,
      queueName: args.queue,
      modules: args.modules,
      logdir: args.logdir,
      concurrency: args.concurrency,
      checkpointEvery: args.checkpointEvery,
      stallTimeout: args.stallTimeout,
      log: (line) => output.out(`${COMMAND}: ${line}`),
    })
  } catch (error) {
    // the command's name leads its messages, as the function's name leads the function's
    output.err(messageOf(error).replace(/^queueWorker:/, `${COMMAND}:`))
    return 1
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
