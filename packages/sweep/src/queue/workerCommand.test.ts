import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError } from '@gradstream/core'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from './testing/redisServer'
import { parseWorkerArgs, runWorkerCommand, WORKER_USAGE } from './workerCommand'

const required = ['--queue', 'lr', '--modules', '/code', '--logdir', '/runs']

describe('parseWorkerArgs', () => {
  it('reads the flags in either form, with the defaults for the others and directories made absolute', () => {
    expect(parseWorkerArgs(required)).toEqual({
      redis: 'redis://127.0.0.1:6379',
      queue: 'lr',
      modules: '/code',
      logdir: '/runs',
      concurrency: 1,
      checkpointEvery: 100,
      stallTimeout: 30_000,
    })
    const args = ['--queue=lr', '--modules', 'code', '--logdir=runs', '--redis', 'redis://10.0.0.5:6380']
    expect(
      parseWorkerArgs([...args, '--concurrency', '4', '--checkpoint-every=10', '--stall-timeout', '5000']),
    ).toEqual({
      redis: 'redis://10.0.0.5:6380',
      queue: 'lr',
      modules: resolve('code'),
      logdir: resolve('runs'),
      concurrency: 4,
      checkpointEvery: 10,
      stallTimeout: 5000,
    })
  })

  const flags = '--queue, --modules, --logdir, --redis, --concurrency, --checkpoint-every, --stall-timeout'
  it.each([
    [[], 'missing --queue, --modules, --logdir'],
    [['--queue', 'lr'], 'missing --modules, --logdir'],
    [[...required, 'runs'], 'unexpected argument "runs"'],
    [[...required, '--port', '1'], `unknown option '--port'; expected one of ${flags}`],
    [[...required, '--concurrency'], '--concurrency needs a value'],
    [[...required, '--queue='], '--queue needs a value'],
    [[...required, '--concurrency', '0'], '--concurrency must be an integer >= 1, got 0'],
    [[...required, '--checkpoint-every', 'ten'], '--checkpoint-every must be an integer >= 1, got NaN'],
    [[...required, '--stall-timeout', '50'], '--stall-timeout must be an integer >= 100, got 50'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseWorkerArgs(argv)).toThrow(new ConfigError('gradstream-worker', message))
  })
})

describe('runWorkerCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'worker-command-'))
  afterAll(() => rmSync(dir, { recursive: true }))

  const run = async (argv: string[]) => {
    const lines: string[] = []
    const code = await runWorkerCommand(argv, {
      out: (line) => lines.push(`out: ${line}`),
      err: (line) => lines.push(`err: ${line}`),
    })
    return { code, lines }
  }

  it('prints the usage for --help and exits 0', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, lines: [`out: ${WORKER_USAGE}`] })
  })

  it('prints what is wrong and the usage, and exits 2, for bad arguments or a missing directory', async () => {
    expect(await run(['--queue', 'lr'])).toEqual({
      code: 2,
      lines: [`err: gradstream-worker: missing --modules, --logdir\n${WORKER_USAGE}`],
    })
    const missing = join(dir, 'none')
    expect(await run(['--queue', 'lr', '--modules', dir, '--logdir', missing])).toEqual({
      code: 2,
      lines: [`err: gradstream-worker: --logdir: no directory ${JSON.stringify(missing)}\n${WORKER_USAGE}`],
    })
  })

  it('says that Redis cannot be reached, and exits 1', async () => {
    const port = await freePort()
    const argv = ['--queue', 'lr', '--modules', dir, '--logdir', dir, '--redis', `redis://127.0.0.1:${port}`]
    expect(await run(argv)).toEqual({
      code: 1,
      lines: [
        `err: gradstream-worker: cannot reach Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
      ],
    })
  })
})

describe('the gradstream-worker bin', () => {
  it('prints the usage for --help, run from source as a user runs the built command', () => {
    const here = fileURLToPath(new URL('.', import.meta.url))
    const args = ['--import', 'tsx', '--conditions=@gradstream/source', join(here, 'workerCli.ts'), '--help']
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: here })
    expect(result.stdout).toBe(`${WORKER_USAGE}\n`)
    expect(result.status).toBe(0)
  })
})
