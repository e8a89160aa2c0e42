// Installs every package the way a user would: built by tsup, packed into a
// tarball, installed with npm into a fresh project outside the workspace,
// then used from ESM, from CommonJS and from TypeScript.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name)

interface Manifest {
  name: string
  version: string
  private?: boolean
  dependencies?: Record<string, string>
}

const packageDirs = readdirSync(join(repoRoot, 'packages'))
  .map((dir) => join(repoRoot, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
const manifests = new Map(
  packageDirs.map((dir) => [dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest]),
)
const names = [...manifests.values()].map((m) => m.name)

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A copy of the package with `workspace:*` ranges replaced by the versions they stand for, as a publish does. */
function stage(dir: string, manifest: Manifest, into: string): string {
  const staged = join(into, manifest.name.replace('/', '__'))
  mkdirSync(staged, { recursive: true })
  const versions = new Map([...manifests.values()].map((m) => [m.name, m.version]))
  const dependencies = Object.fromEntries(
    Object.entries(manifest.dependencies ?? {}).map(([name, range]) => [
      name,
      range.startsWith('workspace:') ? versions.get(name)! : range,
    ]),
  )
  const raw = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>
  writeFileSync(join(staged, 'package.json'), JSON.stringify({ ...raw, dependencies, devDependencies: undefined }))
  for (const entry of ['dist', 'src', 'README.md']) {
    if (existsSync(join(dir, entry))) cpSync(join(dir, entry), join(staged, entry), { recursive: true })
  }
  return staged
}

let work = ''
let consumer = ''

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gradstream-pack-'))
  const tarballs = join(work, 'tarballs')
  mkdirSync(tarballs)
  for (const [dir, manifest] of manifests) {
    run(bin('tsup'), ['--silent'], dir)
    const staged = stage(dir, manifest, join(work, 'staged'))
    run(bin('publint'), ['--strict', staged], repoRoot)
    run('npm', ['pack', '--silent', '--pack-destination', tarballs], staged)
  }
  consumer = join(work, 'consumer')
  mkdirSync(consumer)
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  const files = readdirSync(tarballs).map((file) => join(tarballs, file))
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], consumer)
}, 600_000)

// Removing the installed consumer (thousands of files) outlasts the default 10 s hook limit on a busy machine.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
}, 120_000)

describe.each(names)('%s installed from its tarball', (name) => {
  it('loads with import (ESM) and exposes its API', () => {
    writeFileSync(join(consumer, 'esm.mjs'), `import * as m from '${name}'\nconsole.log(Object.keys(m).length)\n`)
    expect(Number(run('node', ['esm.mjs'], consumer))).toBeGreaterThan(0)
  })

  it('loads with require (CJS) and exposes the same API', () => {
    writeFileSync(join(consumer, 'cjs.cjs'), `console.log(Object.keys(require('${name}')).length)\n`)
    expect(run('node', ['cjs.cjs'], consumer)).toBe(run('node', ['esm.mjs'], consumer))
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
    const use = (importLine: string) =>
      `${importLine}\nconst t: Tensor = matMul(tensor([[1, 2]]), tensor([[3], [4]]))\nconst shape: readonly number[] = t.shape\n` +
      `// @ts-expect-error matMul takes tensors, not strings\nmatMul('a', t)\nexport { shape }\n`
    writeFileSync(join(consumer, 'types.mts'), use(`import { matMul, tensor, type Tensor } from '@gradstream/tensor'`))
    writeFileSync(join(consumer, 'types.cts'), use(`import { matMul, tensor, type Tensor } from '@gradstream/tensor'`))
    const tsconfig = {
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['types.mts', 'types.cts'],
    }
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig))
    expect(() => run(bin('tsc'), ['-p', consumer], consumer)).not.toThrow()
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
    expect(loaded).toEqual({
      exports: [
        'formatDuration',
        'logSteps',
        'progressBar',
        'pyFormat',
        'pyPrint',
        'renderTerminalChart',
        'terminalChart',
      ],
      http: false,
      heavy: 0,
    })
  })

  it('imports the root with every subpath export, and renders a PNG on demand', () => {
    const program =
      `import * as plot from '@gradstream/plot'\n` +
      `const parts = await Promise.all(['terminal', 'figure', 'dashboard'].map((e) => import('@gradstream/plot/' + e)))\n` +
      `const same = JSON.stringify(Object.keys(plot).sort()) === JSON.stringify(parts.flatMap((m) => Object.keys(m)).sort())\n` +
      `const png = plot.toPng('<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"/>')\n` +
      `console.log(same, png.length > 0)\n`
    writeFileSync(join(consumer, 'root.mjs'), program)
    expect(run('node', ['root.mjs'], consumer).trim()).toBe('true true')
  })
})
