// Every TypeScript sample of every README type-checks, and every complete
// program among them runs (test/readmeSamples.ts says how a sample is marked
// as a fragment). The samples are written to a temporary folder whose
// node_modules links each workspace package, so they import
// '@gradstream/<name>' as an application does, read from source through the
// workspace's '@gradstream/source' condition.
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readmeSamples, samplesOf } from './readmeSamples'
import type { ReadmeSample } from './readmeSamples'

const root = fileURLToPath(new URL('..', import.meta.url))

/** A file name for a sample that says where it comes from: packages-train-README.md-107.ts. */
const fileNameOf = (sample: ReadmeSample) => `${sample.readme.replaceAll('/', '-')}-${sample.line}.ts`

/** The sample as a module: the fragment's context first, so the sample's own lines follow it. */
function moduleText(sample: ReadmeSample): string {
  return `${sample.context ?? ''}\n${sample.code}\nexport {}\n`
}

/** The third-party packages the samples import ('rxjs', 'immer'), besides node's and the workspace's. */
function thirdPartyImports(samples: readonly ReadmeSample[]): string[] {
  const specifiers = samples.flatMap((s) =>
    Array.from(`${s.context ?? ''}\n${s.code}`.matchAll(/\bfrom '([^']+)'/g), ([, specifier]) => specifier!),
  )
  const packages = specifiers
    .filter((specifier) => !specifier.startsWith('node:') && !specifier.startsWith('@gradstream/'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    )
  return [...new Set(packages)]
}

/** A workspace's installed copy of a package: the root's, the examples' or a package's. */
function installedPackage(name: string): string {
  const folders = [
    root,
    join(root, 'examples'),
    ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p)),
  ]
  const found = folders.map((folder) => join(folder, 'node_modules', name)).find((path) => existsSync(path))
  if (found === undefined) throw new Error(`no workspace folder has ${name} installed`)
  return realpathSync(found)
}

/** Writes the samples and a node_modules of links to the workspace's packages into a new temporary folder. */
function writeSampleFolder(samples: readonly ReadmeSample[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'gradstream-readme-samples-'))
  const link = (name: string, target: string) => {
    const path = join(folder, 'node_modules', name)
    mkdirSync(dirname(path), { recursive: true })
    symlinkSync(target, path, 'dir')
  }
  for (const name of readdirSync(join(root, 'packages'))) link(`@gradstream/${name}`, join(root, 'packages', name))
  for (const name of [...thirdPartyImports(samples), 'tsx']) link(name, installedPackage(name))
  // ES modules, as an application's "type": "module" makes them: samples may await at the top level.
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ type: 'module', private: true }))
  for (const sample of samples) writeFileSync(join(folder, fileNameOf(sample)), moduleText(sample))
  return folder
}

/**
 * The workspace's compiler options (its module resolution and conditions, `strict`), less the checks an
 * application's `strict` project does not make: unused names (samples show values they do not use) and
 * `noUncheckedIndexedAccess` (a sample indexing a typed array should not need `!`).
 */
function compilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root)
  return {
    ...options,
    noUnusedLocals: false,
    noUnusedParameters: false,
    noUncheckedIndexedAccess: false,
    typeRoots: [join(root, 'node_modules', '@types')],
  }
}

/** Each error in a sample as 'README:line: message', numbered by the README's lines. */
function typeErrors(folder: string, samples: readonly ReadmeSample[]): string[] {
  const files = samples.map((sample) => join(folder, fileNameOf(sample)))
  const program = ts.createProgram(files, compilerOptions())
  // Only the samples are checked: the packages' own sources are checked by their typecheck.
  return samples.flatMap((sample, i) => {
    const file = program.getSourceFile(files[i]!)!
    const contextLines = (sample.context ?? '').split('\n').length
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((diagnostic) => {
      const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
      const where = line < contextLines ? 'its fragment marker' : `line ${sample.line + line - contextLines}`
      return `${sample.readme}:${sample.line} (${where}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
    })
  })
}

// One Node process imports the programs one after another, each in a folder of its own as working directory,
// and records how each ended: a process per program would cost far more in loading the packages than they run.
// The folder holds a link to the repository's examples/, so a sample reads the data files there by the path it
// would use from the repository root ('examples/data/iris.csv').
const RUNNER = `
import { appendFileSync, mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
const [results, examples, ...programs] = process.argv.slice(2)
let current = ''
// The error and where in the program it came from, the first line of its stack inside the program.
const fail = (error) => {
  const frame = String(error?.stack ?? '').split('\\n').find((line) => line.includes(current)) ?? ''
  appendFileSync(results, JSON.stringify({ program: current, error: String(error) + frame.replace(/^\\s*/, ' ') }) + '\\n')
}
process.on('uncaughtException', fail)
process.on('unhandledRejection', fail)
for (const program of programs) {
  current = program
  const cwd = program.replace(/\\.ts$/, '')
  mkdirSync(cwd)
  symlinkSync(examples, join(cwd, 'examples'), 'dir')
  process.chdir(cwd)
  let timer
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('still running after 30 s')), 30000) })
  try {
    await Promise.race([import(pathToFileURL(program).href), timeout])
    appendFileSync(results, JSON.stringify({ program }) + '\\n')
  } catch (error) {
    fail(error)
  } finally {
    clearTimeout(timer)
  }
}
process.exit(0)
`

/** Runs the complete programs and resolves to, for each that failed, 'README:line: error'. */
async function runFailures(folder: string, programs: readonly ReadmeSample[]): Promise<string[]> {
  const results = join(folder, 'results.jsonl')
  writeFileSync(join(folder, 'run.mjs'), RUNNER)
  writeFileSync(results, '')
  const files = programs.map((program) => join(folder, fileNameOf(program)))
  const args = ['--conditions=@gradstream/source', '--import', 'tsx', 'run.mjs', results, join(root, 'examples')]
  const runner = spawn(process.execPath, [...args, ...files], { cwd: folder, stdio: 'ignore' })
  const code = await new Promise<number | null>((resolve, reject) => {
    runner.once('error', reject)
    runner.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`the samples' runner exited with ${code}`)
  const outcomes = readFileSync(results, 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { program: string; error?: string })
  return programs.flatMap((program, i) => {
    const ended = outcomes.filter((outcome) => outcome.program === files[i])
    if (ended.length === 0) return [`${program.readme}:${program.line}: never finished`]
    return ended.flatMap((outcome) =>
      outcome.error === undefined ? [] : [`${program.readme}:${program.line}: ${outcome.error}`],
    )
  })
}

// Two samples that must fail, checked and run with the others at no extra cost, so the checks are seen to catch
// a type error in a fragment and a program that throws.
const CANARY = 'CANARY.md'
const canaries: ReadmeSample[] = [
  {
    readme: CANARY,
    line: 1,
    code: 'const size: string = tensor([1]).size',
    context: "import { tensor } from '@gradstream/tensor'",
  },
  { readme: CANARY, line: 5, code: "import { zeros } from '@gradstream/tensor'\nzeros([2, -1])", context: undefined },
]
const isCanary = (report: string) => report.startsWith(`${CANARY}:`)

describe('the READMEs’ TypeScript samples', () => {
  const samples = [...readmeSamples(root), ...canaries]
  const programs = samples.filter((sample) => sample.context === undefined)
  // Written before the first test that needs it, so a run that filters these tests out leaves nothing behind.
  // The programs start running at once, in a process of their own, while this one type-checks them.
  let folder = ''
  let failures: Promise<string[]> = Promise.resolve([])
  beforeAll(() => {
    folder = writeSampleFolder(samples)
    failures = runFailures(folder, programs)
    failures.catch(() => undefined) // reported by the test that awaits it
  })
  afterAll(async () => {
    await failures.catch(() => undefined)
    rmSync(folder, { recursive: true, force: true })
  })

  it('finds the samples of the root README and of every package README', () => {
    expect(samples.filter((sample) => sample.readme === 'README.md').length).toBeGreaterThan(0)
    expect(new Set(samples.map((sample) => sample.readme)).size).toBeGreaterThanOrEqual(10)
    expect(programs.length).toBeGreaterThanOrEqual(10)
  })

  it('type-check, fragments after the TypeScript of their marker', () => {
    const errors = typeErrors(folder, samples)
    expect(errors.filter(isCanary)).toEqual([`${CANARY}:1 (line 1): Type 'number' is not assignable to type 'string'.`])
    expect(errors.filter((error) => !isCanary(error))).toEqual([])
  })

  it('run to the end, where they are complete programs', async () => {
    const failed = await failures
    expect(failed.filter(isCanary)).toEqual([
      expect.stringMatching(
        /^CANARY\.md:5: ShapeError: zeros: dimensions must be non-negative integers, got \[2, -1\] at /,
      ),
    ])
    expect(failed.filter((failure) => !isCanary(failure))).toEqual([])
  })
})

describe('samplesOf', () => {
  const readme = [
    'Text.',
    '```ts',
    "console.log('a program')",
    '```',
    '<!-- fragment -->',
    '```ts',
    'x + 1',
    '```',
    "<!-- fragment: import type { Tensor } from '@gradstream/tensor'",
    'declare const x: Tensor -->',
    '```ts',
    'x.shape',
    '```',
    '```typescript',
    'const y = 2',
    '```',
    '```sh',
    'npm test',
    '```',
  ].join('\n')

  it('reads each ```ts and ```typescript block with its first line and the marker before it', () => {
    expect(samplesOf('README.md', readme)).toEqual([
      { readme: 'README.md', line: 3, code: "console.log('a program')", context: undefined },
      { readme: 'README.md', line: 7, code: 'x + 1', context: '' },
      {
        readme: 'README.md',
        line: 12,
        code: 'x.shape',
        context: "import type { Tensor } from '@gradstream/tensor'\ndeclare const x: Tensor",
      },
      { readme: 'README.md', line: 15, code: 'const y = 2', context: undefined },
    ])
  })

  it('refuses a block that never closes', () => {
    expect(() => samplesOf('README.md', '```ts\nx')).toThrow('README.md:1: a ```ts block that never closes')
  })
})
