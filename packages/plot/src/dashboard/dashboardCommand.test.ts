import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { USAGE, parseDashboardArgs, runDashboardCommand } from './dashboardCommand'

describe('parseDashboardArgs', () => {
  it('reads the log directory, --port and --host in either form, with TensorBoard’s port by default', () => {
    expect(parseDashboardArgs(['dashboard', 'runs'])).toEqual({ logdir: 'runs', port: 6006, host: '127.0.0.1' })
    expect(parseDashboardArgs(['dashboard', '--port', '8080', 'runs', '--host=0.0.0.0'])).toEqual({
      logdir: 'runs',
      port: 8080,
      host: '0.0.0.0',
    })
  })

  it.each([
    [[], new ConfigError('gradstream', 'unknown command none; expected dashboard')],
    [['serve', 'runs'], new ConfigError('gradstream', 'unknown command "serve"; expected dashboard')],
    [['dashboard'], new ConfigError('gradstream dashboard', 'expected one log directory, got none')],
    [['dashboard', 'a', 'b'], new ConfigError('gradstream dashboard', 'expected one log directory, got "a", "b"')],
    [
      ['dashboard', 'runs', '--logdir', 'x'],
      new ConfigError('gradstream dashboard', "unknown option '--logdir'; expected one of --port, --host"),
    ],
    [['dashboard', 'runs', '--port'], new ConfigError('gradstream dashboard', '--port needs a value')],
    [
      ['dashboard', 'runs', '--port', 'http'],
      new ConfigError('gradstream dashboard', '--port must be an integer >= 0 and <= 65535, got NaN'),
    ],
  ])('refuses %j', (argv, error) => {
    expect(() => parseDashboardArgs(argv)).toThrow(error)
  })
})

describe('runDashboardCommand', () => {
  it('prints what is wrong and the usage, and exits 2, for bad arguments or a missing directory', async () => {
    const lines: string[] = []
    const output = {
      out: (line: string) => lines.push(`out: ${line}`),
      err: (line: string) => lines.push(`err: ${line}`),
    }
    expect(await runDashboardCommand(['dashboard', 'runs', '--verbose'], output)).toBe(2)
    expect(await runDashboardCommand(['dashboard', join(tmpdir(), 'no-such-logdir-here')], output)).toBe(2)
    expect(lines).toEqual([
      `err: gradstream dashboard: unknown option '--verbose'; expected one of --port, --host\n${USAGE}`,
      `err: gradstream dashboard: no directory ${JSON.stringify(join(tmpdir(), 'no-such-logdir-here'))}\n${USAGE}`,
    ])
  })

  it('serves the directory and says where', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dashboard-command-'))
    const lines: string[] = []
    const dashboard = await runDashboardCommand(['dashboard', root, '--port', '0'], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    })
    if (typeof dashboard === 'number') throw new Error(`exited ${dashboard}: ${lines.join('\n')}`)
    await dashboard.close()
    rmSync(root, { recursive: true })
    expect(lines).toEqual([
      `gradstream dashboard: reading ${root}`,
      `gradstream dashboard: 0 runs in ${root} (more are picked up as they appear)`,
      `open ${dashboard.url}`,
    ])
  })
})

describe('the gradstream bin', () => {
  it('exits 2 with the message on stderr for an unknown flag', () => {
    const here = dirname(fileURLToPath(import.meta.url))
    // tsx as a loader of this process, resolved from this package (one process, not tsx's CLI and its child)
    const args = [
      '--import',
      'tsx',
      '--conditions=@gradstream/source',
      join(here, 'cli.ts'),
      'dashboard',
      'runs',
      '--bogus',
    ]
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: here })
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      `gradstream dashboard: unknown option '--bogus'; expected one of --port, --host\n${USAGE}\n`,
    )
    expect(result.stdout).toBe('')
  })
})
