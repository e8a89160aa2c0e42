// The layering rules of docs/architecture.md, checked on the source:
// (a) no import cycle between the source files of a package,
// (b) every module a package imports is declared in its package.json,
// (c) every dependency a package declares is imported somewhere in its source.
// Each rule is a pure function over a small graph, with a case showing it can fail.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const packagesDir = join(root, 'packages')

type Graph = ReadonlyMap<string, readonly string[]>

/** The cycles of a directed graph: each strongly connected component with more than one node, or a node importing itself (Tarjan). */
export function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const connect = (node: string): void => {
    index.set(node, index.size)
    low.set(node, index.get(node)!)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort())
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node)
  return cycles
}

/** The modules imported but not declared. */
export function undeclaredImports(imported: ReadonlySet<string>, declared: ReadonlySet<string>): string[] {
  return [...imported].filter((name) => !declared.has(name)).sort()
}

/** The dependencies declared but never imported. */
export function unusedDependencies(declared: ReadonlySet<string>, imported: ReadonlySet<string>): string[] {
  return [...declared].filter((name) => !imported.has(name)).sort()
}

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `d3-scale` -> `d3-scale`; undefined for Node's own modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return undefined
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const isTestFile = (path: string) => /\.test(-d)?\.ts$/.test(path) || path.includes('/testing/')

/** Every import, export-from, dynamic import, `import type`, `require` and `require.resolve` of a file. */
function specifiersOf(path: string): string[] {
  const text = readFileSync(path, 'utf8')
  const resolved = [...text.matchAll(/require\.resolve\(\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!)
  return [...ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName), ...resolved]
}

/** The source file a relative specifier names (`./x`, `./x.js`, `./dir` with index.ts). */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''))
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not this candidate
    }
  }
  return undefined
}

interface PackageFacts {
  readonly name: string
  /** Relative imports between the package's non-test source files. */
  readonly fileGraph: Graph
  readonly sourceImports: ReadonlySet<string>
  readonly testImports: ReadonlySet<string>
  readonly dependencies: ReadonlySet<string>
  readonly devDependencies: ReadonlySet<string>
}

function readPackage(dir: string): PackageFacts {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>
  const keys = (field: string) => new Set(Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}))
  const fileGraph = new Map<string, string[]>()
  const sourceImports = new Set<string>()
  const testImports = new Set<string>()
  for (const file of sourceFiles(join(dir, 'src'))) {
    const test = isTestFile(file)
    const edges: string[] = []
    for (const specifier of specifiersOf(file)) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier)
        if (!test && target !== undefined && !isTestFile(target)) edges.push(relative(dir, target))
        continue
      }
      const name = packageOf(specifier)
      // a package may resolve itself by name (its own files, as a user would)
      if (name !== undefined && name !== manifest.name) (test ? testImports : sourceImports).add(name)
    }
    if (!test) fileGraph.set(relative(dir, file), edges)
  }
  const dependencies = new Set([...keys('dependencies'), ...keys('peerDependencies')])
  return {
    name: manifest.name as string,
    fileGraph,
    sourceImports,
    testImports,
    dependencies,
    devDependencies: keys('devDependencies'),
  }
}

const packages = readdirSync(packagesDir)
  .filter((name) => statSync(join(packagesDir, name, 'package.json'), { throwIfNoEntry: false })?.isFile())
  .map((name) => readPackage(join(packagesDir, name)))
const rootDevDependencies = new Set(
  Object.keys(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: object }).devDependencies ??
      {},
  ),
)

// Modules a package's build bundles, so they are devDependencies though its source imports them.
const bundled: Readonly<Record<string, readonly string[]>> = {
  // d3 ships as ES modules only; tsup bundles it so plot's CommonJS build loads (packages/plot/tsup.config.ts).
  '@gradstream/plot': ['d3-array', 'd3-contour', 'd3-scale', 'd3-scale-chromatic', 'd3-shape'],
}

// Cycles known and being removed; each entry says why it may stay for now. Empty when none are left.
const allowedCycles: Readonly<Record<string, readonly string[][]>> = {}

describe('architecture rules', () => {
  it('finds every package and its files', () => {
    expect(packages.map((p) => p.name)).toContain('@gradstream/core')
    expect(packages.find((p) => p.name === '@gradstream/tensor')!.fileGraph.size).toBeGreaterThan(20)
  })

  it.each(packages.map((p) => [p.name, p] as const))('%s: no import cycle between its source files', (name, facts) => {
    expect(findCycles(facts.fileGraph)).toEqual(allowedCycles[name] ?? [])
  })

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: declares every module it imports (tests: also dev dependencies)',
    (_name, facts) => {
      const declared = new Set([...facts.dependencies, ...(bundled[facts.name] ?? [])])
      expect(undeclaredImports(facts.sourceImports, declared)).toEqual([])
      const forTests = new Set([...facts.dependencies, ...facts.devDependencies, ...rootDevDependencies])
      expect(undeclaredImports(facts.testImports, forTests)).toEqual([])
    },
  )

  it.each(packages.map((p) => [p.name, p] as const))('%s: imports every dependency it declares', (_name, facts) => {
    expect(unusedDependencies(facts.dependencies, facts.sourceImports)).toEqual([])
  })
})

describe('the rules can fail', () => {
  it('finds a cycle through three files and a file importing itself, not a diamond', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
      ['f.ts', ['d.ts', 'g.ts']],
      ['g.ts', ['d.ts']],
    ])
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']])
  })

  it('finds an import its package does not declare, type-only ones included', () => {
    const imported = specifiersOfText(
      "import type { Tensor } from '@gradstream/tensor'\nimport { of } from 'rxjs/operators'",
    )
    expect(undeclaredImports(imported, new Set(['rxjs']))).toEqual(['@gradstream/tensor'])
  })

  it('finds a declared dependency that nothing imports', () => {
    expect(unusedDependencies(new Set(['@gradstream/core', 'immer']), new Set(['@gradstream/core']))).toEqual(['immer'])
  })
})

function specifiersOfText(text: string): Set<string> {
  const names = ts.preProcessFile(text, true, true).importedFiles.map((file) => packageOf(file.fileName))
  return new Set(names.filter((name): name is string => name !== undefined))
}
