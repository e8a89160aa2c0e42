// What importing each entry of @gradstream/plot loads, checked in fresh Node
// processes that read the package from source as the examples do. One process
// takes the steps that should load nothing heavy one after another and then
// makes a PNG, noting after each step what has been loaded so far: what a step
// finds loaded, its own import loads at most. Starting the server needs a
// process of its own, since the PNG has loaded the renderer by then.
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

/**
 * In one new process, imports each step's entry and runs its `then` (a statement using `plot`), in order, and
 * reports what had been loaded after each step.
 */
async function loadedAfter<Name extends string>(
  steps: readonly (readonly [Name, string, string?])[],
): Promise<Record<Name, Loaded>> {
  const program = `
    import { createRequire } from 'node:module'
    const loaded = {}
    ${steps
      .map(
        ([name, entry, then = '']) => `{
      const plot = await import(${JSON.stringify(entry)});
      ${then};
      const required = Object.keys(createRequire(import.meta.url).cache)
      loaded[${JSON.stringify(name)}] = {
        exports: Object.keys(plot).sort(),
        http: process.moduleLoadList.includes('NativeModule http'),
        resvg: required.some((path) => path.includes('@resvg')),
      }
    }`,
      )
      .join('\n')}
    console.log(JSON.stringify(loaded))`
  const args = ['--conditions=@gradstream/source', '--import', 'tsx', '--input-type=module', '-e', program]
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: packageDir, encoding: 'utf8' })
  return JSON.parse(stdout) as Record<Name, Loaded>
}

const none = { http: false, resvg: false }

const svg = `'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'`
const tty = `{ isTTY: true, write: () => true }`
let loaded: Record<'terminal' | 'figure' | 'dashboard' | 'root' | 'bar' | 'png' | 'server', Loaded>

beforeAll(async () => {
  const [light, served] = await Promise.all([
    loadedAfter([
      ['terminal', '@gradstream/plot/terminal'],
      ['figure', '@gradstream/plot/figure'],
      ['dashboard', '@gradstream/plot/dashboard'],
      ['root', '@gradstream/plot'],
      [
        'bar',
        '@gradstream/plot',
        `(await import('rxjs')).of({ step: 1, loss: 1 }).pipe(plot.progressBar({ total: 1, output: ${tty} })).subscribe()`,
      ],
      ['png', '@gradstream/plot', `plot.toPng(${svg})`],
    ] as const),
    loadedAfter([
      [
        'server',
        '@gradstream/plot',
        `const d = await plot.serveDashboard(new (await import('rxjs')).Subject()); await d.close()`,
      ],
    ] as const),
  ])
  loaded = { ...light, ...served }
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
