// Installs every package the way a user would: built and packed by
// scripts/packAll.ts (`pnpm pack`, as a publish does), installed with npm into
// a fresh project outside the workspace next to an rxjs 7 of another version
// than the workspace's and without @types/node, then used from ESM, from
// CommonJS and from TypeScript. Work that many tests share runs once: one Node
// process loads every package with import and one with require, and one tsc
// program checks every TypeScript file of the fresh project; each test then
// asserts its own part of the result.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packAll } from '../scripts/packAll'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name)

// The application's rxjs: a 7.x other than the workspace's 7.8.2, so a package that brought its own copy would show.
const applicationRxjs = '7.8.1'

interface Manifest {
  name: string
  version: string
  private?: boolean
  exports?: Record<string, unknown>
}

const manifests = readdirSync(join(repoRoot, 'packages'))
  .map((dir) => join(repoRoot, 'packages', dir, 'package.json'))
  .filter((path) => existsSync(path))
  .map((path) => JSON.parse(readFileSync(path, 'utf8')) as Manifest)
  .filter((manifest) => manifest.private !== true)
const published = manifests.map((manifest) => manifest.name)
// Every import path of every package: '@gradstream/plot', '@gradstream/plot/terminal', ...
const entries = manifests.flatMap(({ name, exports = { '.': {} } }) =>
  Object.keys(exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`)),
)

/** The command's output; on failure, an error that carries what it printed. */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error })
  }
}

// The fresh project's TypeScript files, type-checked together by typeErrorsIn.
const tensorUse = (importLine: string) =>
  `${importLine}\nconst t: Tensor = matMul(tensor([[1, 2]]), tensor([[3], [4]]))\nconst shape: readonly number[] = t.shape\n` +
  `// @ts-expect-error matMul takes tensors, not strings\nmatMul('a', t)\nexport { shape }\n`
const reexports = entries.map((entry, i) => `export * as entry${i} from '${entry}'\n`).join('')

// Valid as TypeScript and as JavaScript: type-checked as app.mts, then run as app.mjs.
const application = `import { connectable, lastValueFrom } from 'rxjs'
import { meanSquaredError } from '@gradstream/losses'
import { sgd } from '@gradstream/optimizers'
import { logSteps } from '@gradstream/plot'
import { matMul, tensor } from '@gradstream/tensor'
import { fit } from '@gradstream/train'

const run$ = connectable(
  fit({
    params: { w: tensor([[0]]) },
    loss: ({ w }, batch) => meanSquaredError(batch.y, matMul(batch.x, w)),
    optimizer: sgd,
    learningRate: 0.1,
    data: { x: tensor([[1], [2]]), y: tensor([[2], [4]]) },
    steps: 20,
  }),
)
let logged = 0
run$.pipe(logSteps((s) => \`step \${s.step}\`, { output: { write: () => (logged += 1) } })).subscribe()
const last = lastValueFrom(run$)
run$.connect()
const end = await last
console.log(end.step, end.params.w.item().toFixed(3), logged)
`

const typedFiles: Record<string, string> = {
  'types.mts': tensorUse(`import { matMul, tensor, type Tensor } from '@gradstream/tensor'`),
  'types.cts': tensorUse(`import { matMul, tensor, type Tensor } from '@gradstream/tensor'`),
  'entries.mts': reexports,
  'entries.cts': reexports,
  'app.mts': application,
}

/**
 * tsc's errors over all of `typedFiles`, one string per error, from one strict
 * program with no ambient types (no @types/node), as a fresh project would
 * have. Run once, on first use, rather than once per test: every program
 * paid again for the same declarations and lib files.
 */
const consumerTypeErrors = once((): string[] => {
  for (const [file, text] of Object.entries(typedFiles)) writeFileSync(join(consumer, file), text)
  const tsconfig = {
    compilerOptions: {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: Object.keys(typedFiles),
  }
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig))
  try {
    run(bin('tsc'), ['-p', consumer, '--pretty', 'false'], consumer)
    return []
  } catch (error) {
    // Each error starts a line; its further lines are indented. The message's first line names the command.
    const printed = (error as Error).message.split('\n').slice(1).join('\n')
    const errors = printed.match(/^\S.*(\n[ \t].*)*/gm) ?? []
    if (errors.length === 0) throw error
    return errors
  }
})

/** The errors of consumerTypeErrors in `files`, and in no file of the project: in the declarations or global. */
function typeErrorsIn(files: string[]): string[] {
  return consumerTypeErrors().filter((error) => {
    const file = /^(.+?)\(\d+,\d+\): /.exec(error)?.[1]
    return file === undefined || files.includes(file) || !(file in typedFiles)
  })
}

/**
 * The number of exports of every package, loaded with import (`esm`) and with
 * require (`cjs`), each in one Node process rather than one per package; a
 * package that fails to load gets its error instead of a number.
 */
const exportCounts = once(() => {
  const names = JSON.stringify(published)
  const count = (load: string) =>
    `const counts = {}\nfor (const name of ${names}) {\n` +
    `  try {\n    counts[name] = Object.keys(${load}).length\n  } catch (error) {\n    counts[name] = String(error)\n  }\n}\n` +
    `console.log(JSON.stringify(counts))\n`
  writeFileSync(join(consumer, 'esm.mjs'), count('await import(name)'))
  writeFileSync(join(consumer, 'cjs.cjs'), count('require(name)'))
  const parse = (file: string) => JSON.parse(run('node', [file], consumer)) as Record<string, number | string>
  return { esm: parse('esm.mjs'), cjs: parse('cjs.cjs') }
})

/** `compute`, called on first use only. */
function once<T>(compute: () => T): () => T {
  let result: { value: T } | undefined
  return () => (result ??= { value: compute() }).value
}

let work = ''
let consumer = ''
let tarballs: string[] = []

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gradstream-pack-'))
  tarballs = packAll(join(work, 'tarballs'))
  consumer = join(work, 'consumer')
  mkdirSync(consumer)
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  const install = [...tarballs, `rxjs@${applicationRxjs}`]
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...install], consumer)
}, 900_000)

// Removing the installed consumer (thousands of files) outlasts the default 10 s hook limit on a busy machine.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
}, 120_000)

describe('the tarballs of scripts/packAll.ts', () => {
  it('are one per package', () => {
    const packed = tarballs.map((path) => path.slice(path.lastIndexOf('/') + 1))
    const expected = manifests.map(({ name, version }) => `${name.replace('@', '').replace('/', '-')}-${version}.tgz`)
    expect(packed).toEqual(expected.sort())
  })

  it('each hold the LICENSE, the README and package.json with workspace ranges replaced by versions', () => {
    const required = ['package/LICENSE', 'package/README.md', 'package/package.json']
    const faults = tarballs.flatMap((tarball) => {
      const name = tarball.slice(tarball.lastIndexOf('/') + 1)
      const files = run('tar', ['-tzf', tarball], work).split('\n')
      const manifest = run('tar', ['-xzOf', tarball, 'package/package.json'], work)
      return [
        ...required.filter((file) => !files.includes(file)).map((file) => `${name} lacks ${file}`),
        ...(manifest.includes('workspace:') ? [`${name} has a workspace: range`] : []),
      ]
    })
    expect(faults).toEqual([])
  })

  it('pass publint --strict: no errors and no warnings', async () => {
    const faults = await Promise.all(
      tarballs.map(async (tarball) => {
        const bytes = readFileSync(tarball)
        const packed = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
        const { messages, pkg } = await publint({ pack: { tarball: packed }, strict: true })
        return messages
          .filter((message) => message.type === 'error')
          .map((message) => `${basename(tarball)}: ${formatMessage(message, pkg, { color: false })}`)
      }),
    )
    expect(faults.flat()).toEqual([])
  })
})

describe.each(published)('%s installed from its tarball', (name) => {
  it('loads with import (ESM) and exposes its API', () => {
    const count = exportCounts().esm[name]
    expect(count).toEqual(expect.any(Number))
    expect(count).toBeGreaterThan(0)
  })

  it('loads with require (CJS) and exposes the same API', () => {
    const { esm, cjs } = exportCounts()
    expect(cjs[name]).toEqual(expect.any(Number))
    expect(cjs[name]).toBe(esm[name])
  })
})

describe('@gradstream/tensor from its tarball', () => {
  it('computes in ESM and CJS', () => {
    const program = `const m = mod.matMul(mod.tensor([[1, 2]]), mod.tensor([[3], [4]]))\nconsole.log(String(m))\n`
    writeFileSync(join(consumer, 'use.mjs'), `import * as mod from '@gradstream/tensor'\n${program}`)
    writeFileSync(join(consumer, 'use.cjs'), `const mod = require('@gradstream/tensor')\n${program}`)
    expect(run('node', ['use.mjs'], consumer).trim()).toBe('array([[11.]], dtype=float32)')
    expect(run('node', ['use.cjs'], consumer).trim()).toBe('array([[11.]], dtype=float32)')
  })

  it('type-checks against its declarations, in ESM and CJS files', () => {
    expect(typeErrorsIn(['types.mts', 'types.cts'])).toEqual([])
  })
})

describe('@gradstream/plot subpath entries from its tarball', () => {
  const entries = ['terminal', 'figure', 'dashboard']
  const probe = (load: string) =>
    `const plot = ${load}\n` +
    `const required = Object.keys(require('node:module').createRequire(__filename).cache)\n` +
    `console.log(JSON.stringify({ exports: Object.keys(plot).sort(), http: process.moduleLoadList.includes('NativeModule http'),` +
    ` heavy: required.filter((path) => /@resvg|cli-progress/.test(path)).length }))\n`

  it.each(entries)('loads @gradstream/plot/%s with import and require, with the same exports', (entry) => {
    writeFileSync(
      join(consumer, 'entry.mjs'),
      `import * as m from '@gradstream/plot/${entry}'\nconsole.log(Object.keys(m).sort().join())\n`,
    )
    writeFileSync(
      join(consumer, 'entry.cjs'),
      `console.log(Object.keys(require('@gradstream/plot/${entry}')).sort().join())\n`,
    )
    const esm = run('node', ['entry.mjs'], consumer).trim()
    expect(esm.length).toBeGreaterThan(0)
    expect(run('node', ['entry.cjs'], consumer).trim()).toBe(esm)
  })

  it('requires /terminal without loading the PNG renderer, the HTTP server or cli-progress', () => {
    writeFileSync(join(consumer, 'terminal.cjs'), probe(`require('@gradstream/plot/terminal')`))
    const loaded = JSON.parse(run('node', ['terminal.cjs'], consumer)) as {
      exports: string[]
      http: boolean
      heavy: number
    }
    // The entry grows with the package; these are the exports whose dependencies must wait until used.
    const lazy = ['logSteps', 'progressBar', 'pyFormat', 'terminalChart']
    expect(loaded).toEqual({ exports: expect.arrayContaining(lazy), http: false, heavy: 0 })
  })

  it('imports the root with every subpath export, and loads the PNG renderer only when a PNG is asked for', () => {
    const program =
      `import { createRequire } from 'node:module'\n` +
      `import * as plot from '@gradstream/plot'\n` +
      `const resvg = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('@resvg'))\n` +
      `const parts = await Promise.all(['terminal', 'figure', 'dashboard'].map((e) => import('@gradstream/plot/' + e)))\n` +
      `const same = JSON.stringify(Object.keys(plot).sort()) === JSON.stringify(parts.flatMap((m) => Object.keys(m)).sort())\n` +
      `const before = resvg()\n` +
      `const png = plot.toPng('<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"/>')\n` +
      `console.log(same, before, png.length > 0, resvg())\n`
    writeFileSync(join(consumer, 'root.mjs'), program)
    expect(run('node', ['root.mjs'], consumer).trim()).toBe('true false true true')
  })
})

describe('the declarations of every package', () => {
  it('type-check in a project without @types/node, from ESM and CJS files', () => {
    expect(existsSync(join(consumer, 'node_modules', '@types', 'node'))).toBe(false)
    expect(entries).toEqual(expect.arrayContaining(['@gradstream/plot', '@gradstream/plot/figure']))
    expect(typeErrorsIn(['entries.mts', 'entries.cts'])).toEqual([])
  })
})

describe('an application with its own rxjs 7', () => {
  it(`resolves one rxjs, the application's ${applicationRxjs}, from train and plot`, () => {
    const program =
      `const { createRequire } = require('node:module')\n` +
      `const own = require.resolve('rxjs')\n` +
      `const from = (name) => createRequire(require.resolve(name)).resolve('rxjs')\n` +
      `const version = require('node:fs').readFileSync('node_modules/rxjs/package.json', 'utf8')\n` +
      `const top = own.startsWith(require('node:path').resolve('node_modules/rxjs'))\n` +
      `console.log(JSON.parse(version).version, top, from('@gradstream/train') === own, from('@gradstream/plot') === own)\n`
    writeFileSync(join(consumer, 'rxjs.cjs'), program)
    expect(run('node', ['rxjs.cjs'], consumer).trim()).toBe(`${applicationRxjs} true true true`)
  })

  it('type-checks connectable(fit(...)) piped into a plot subscriber, without @types/node', () => {
    expect(typeErrorsIn(['app.mts'])).toEqual([])
  })

  it('runs it', () => {
    writeFileSync(join(consumer, 'app.mjs'), application)
    expect(run('node', ['app.mjs'], consumer).trim()).toBe('20 2.000 20')
  })
})

describe('tensors across the ESM and CommonJS builds of @gradstream/tensor', () => {
  it('are accepted by the ops of either build', () => {
    const program =
      `import { createRequire } from 'node:module'\n` +
      `import * as esm from '@gradstream/tensor'\n` +
      `const cjs = createRequire(import.meta.url)('@gradstream/tensor')\n` +
      `const a = esm.tensor([[1, 2], [3, 4]])\n` +
      `const b = cjs.tensor([[1], [10]])\n` +
      `console.log(esm.Tensor !== cjs.Tensor, a instanceof cjs.Tensor, b instanceof esm.Tensor)\n` +
      `console.log(String(cjs.slice(a, [1, 0], [1, 2])))\n` +
      `console.log(String(cjs.matMul(a, b)), String(esm.matMul(a, b)))\n`
    writeFileSync(join(consumer, 'brand.mjs'), program)
    const product = 'array([[21.],\n       [43.]], dtype=float32)'
    expect(run('node', ['brand.mjs'], consumer).trim()).toBe(
      ['true true true', 'array([[3., 4.]], dtype=float32)', `${product} ${product}`].join('\n'),
    )
  })
})

describe('the file packages from their tarballs', () => {
  it('read a CSV, train on it, log it as JSONL and TensorBoard events, and save and load the params as .npy and safetensors', () => {
    const program =
      `import { readdirSync, readFileSync, writeFileSync } from 'node:fs'\n` +
      `import { readCsv } from '@gradstream/data'\n` +
      `import { loadNpy, loadSafetensors, saveNpy, saveSafetensors } from '@gradstream/io'\n` +
      `import { jsonlLog, tensorBoard } from '@gradstream/logs'\n` +
      `import { sgd } from '@gradstream/optimizers'\n` +
      `import { matMul, mean, reshape, square, sub, tensor } from '@gradstream/tensor'\n` +
      `import { fit } from '@gradstream/train'\n` +
      `import { lastValueFrom } from 'rxjs'\n` +
      `writeFileSync('points.csv', 'a,b,y\\n1,0,1\\n0,1,2\\n1,1,3\\n')\n` +
      `const { x, y } = await readCsv('points.csv', { label: 'y' })\n` +
      `const loss = ({ w }, batch) => mean(square(sub(matMul(batch.x, w), reshape(batch.y, [-1, 1]))))\n` +
      `const run$ = fit({ params: { w: tensor([[0], [0]]) }, loss, optimizer: sgd, learningRate: 0.1, data: { x, y }, steps: 5 })\n` +
      `const last = await lastValueFrom(run$.pipe(jsonlLog('run/log.jsonl', { hparams: { lr: 0.1 } }), tensorBoard('run')))\n` +
      `saveSafetensors(last.params, 'params.safetensors')\n` +
      `saveNpy(last.params.w, 'w.npy')\n` +
      `const same = loadSafetensors('params.safetensors').params.w.toArray().join() === loadNpy('w.npy').toArray().join()\n` +
      `const lines = readFileSync('run/log.jsonl', 'utf8').trim().split('\\n')\n` +
      `const events = readdirSync('run').filter((name) => name.startsWith('events.out.tfevents.'))\n` +
      `console.log(x.shape.join('x'), lines.length, JSON.parse(lines[0]).type, events.length, same)\n`
    writeFileSync(join(consumer, 'files.mjs'), program)
    expect(run('node', ['files.mjs'], consumer).trim()).toBe('3x2 6 hparams 1 true')
  })
})
