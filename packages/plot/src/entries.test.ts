// What importing each entry of @gradstream/plot loads, checked in a fresh
// Node process that reads the package from source as the examples do.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

interface Loaded {
  readonly exports: readonly string[]
  readonly http: boolean
  readonly resvg: boolean
}

/** Imports `entry` in a new process, runs `then` (a statement using `plot`), and reports what was loaded. */
async function loadedBy(entry: string, then = ''): Promise<Loaded> {
  const program = `
    import { createRequire } from 'node:module'
    const plot = await import(${JSON.stringify(entry)});
    ${then};
    const required = Object.keys(createRequire(import.meta.url).cache)
    console.log(JSON.stringify({
      exports: Object.keys(plot).sort(),
      http: process.moduleLoadList.includes('NativeModule http'),
      resvg: required.some((path) => path.includes('@resvg')),
    }))`
  const args = ['--conditions=@gradstream/source', '--import', 'tsx', '--input-type=module', '-e', program]
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: packageDir, encoding: 'utf8' })
  return JSON.parse(stdout) as Loaded
}

const none = { http: false, resvg: false }

const svg = `'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'`
const tty = `{ isTTY: true, write: () => true }`
const cases = {
  terminal: ['@gradstream/plot/terminal'],
  figure: ['@gradstream/plot/figure'],
  dashboard: ['@gradstream/plot/dashboard'],
  root: ['@gradstream/plot'],
  png: ['@gradstream/plot', `plot.toPng(${svg})`],
  server: [
    '@gradstream/plot',
    `const d = await plot.serveDashboard(new (await import('rxjs')).Subject()); await d.close()`,
  ],
  bar: [
    '@gradstream/plot',
    `(await import('rxjs')).of({ step: 1, loss: 1 }).pipe(plot.progressBar({ total: 1, output: ${tty} })).subscribe()`,
  ],
} as const
let loaded: Record<keyof typeof cases, Loaded>

beforeAll(async () => {
  const runs = Object.entries(cases).map(async ([name, [entry, then]]) => [name, await loadedBy(entry, then)] as const)
  loaded = Object.fromEntries(await Promise.all(runs)) as typeof loaded
}, 60_000)

describe('the entries of @gradstream/plot', () => {
  it('/terminal has the text output and loads no renderer or server', () => {
    expect(loaded.terminal).toEqual({
      exports: [
        'formatDuration',
        'formatEval',
        'formatStep',
        'logSteps',
        'progressBar',
        'pyFormat',
        'pyPrint',
        'renderTerminalChart',
        'terminalChart',
      ],
      ...none,
    })
  })

  it('/figure and /dashboard load nothing heavy until asked', () => {
    expect(loaded.figure).toMatchObject(none)
    expect(loaded.dashboard).toEqual({ exports: ['serveDashboard', 'serveLogdir'], ...none })
  })

  it('the root has every export of the three and is as cheap to import', () => {
    const parts = [loaded.terminal, loaded.figure, loaded.dashboard].flatMap((part) => part.exports)
    expect(loaded.root).toEqual({ exports: parts.sort(), ...none })
  })

  it('loads each dependency when it is first needed, and a progress bar needs none', () => {
    expect(loaded.bar).toMatchObject(none)
    expect(loaded.png).toMatchObject({ ...none, resvg: true })
    expect(loaded.server).toMatchObject({ ...none, http: true })
  })
})
