// The declaration half of scripts/buildPackages.ts on small inputs: which entries
// a package.json names, and the files bundleDeclarations writes for them.
// test/pack.test.ts checks the real packages' declarations from their tarballs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { bundleDeclarations } from '../scripts/build/bundleDeclarations'
import { packageEntries, type PackageManifest } from '../scripts/build/packageEntries'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

let folder = ''
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** A package folder holding `manifest` as its package.json. */
function packageFolder(manifest: object): string {
  folder = mkdtempSync(join(tmpdir(), 'gradstream-declarations-'))
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest))
  return folder
}

const subpath = (source: string, name: string) => ({
  '@gradstream/source': source,
  import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
  require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
})

describe('packageEntries', () => {
  it("names each subpath of plot's exports map after its declaration files, with its source", () => {
    const entries = packageEntries(join(repoRoot, 'packages', 'plot'))
    expect(entries.map((entry) => entry.name)).toEqual(['index', 'terminal', 'figure', 'dashboard'])
    expect(entries.map((entry) => entry.source.slice(repoRoot.length))).toEqual([
      'packages/plot/src/index.ts',
      'packages/plot/src/terminal/index.ts',
      'packages/plot/src/figure/index.ts',
      'packages/plot/src/dashboard/index.ts',
    ])
  })

  it('refuses a subpath whose require types are not the .d.cts beside its .d.ts', () => {
    const entry = subpath('./src/index.ts', 'index')
    const dir = packageFolder({
      name: '@gradstream/example',
      exports: { '.': { ...entry, require: { types: './dist/other.d.cts' } }, './package.json': './package.json' },
    })
    expect(() => packageEntries(dir)).toThrow(
      "@gradstream/example: exports['.'] must name its source and ./dist/<name>.d.ts and .d.cts declarations",
    )
  })
})

describe('bundleDeclarations', () => {
  it('writes one .d.ts and one .d.cts per entry, types two entries share in a chunk, and keeps package imports', async () => {
    const dir = packageFolder({})
    const src = join(dir, 'src')
    mkdirSync(join(src, 'shared'), { recursive: true })
    const declarations = new Map([
      [join(src, 'shared', 'index.d.ts'), `export interface Point {\n    x: number;\n}\n`],
      [join(src, 'a.d.ts'), `import type { Point } from './shared';\nexport declare function a(): Point;\n`],
      [
        join(src, 'b.d.ts'),
        `import type { Observable } from 'rxjs';\nimport type { Point } from './shared/index.js';\n` +
          `export declare function b(p: Point): Observable<Point>;\n`,
      ],
    ])
    const manifest: PackageManifest = { name: '@gradstream/example', peerDependencies: { rxjs: '^7.8' } }
    const entries = [
      { name: 'a', source: join(src, 'a.ts') },
      { name: 'b', source: join(src, 'b.ts') },
    ]
    await bundleDeclarations(dir, manifest, entries, declarations)

    const files = readdirSync(join(dir, 'dist')).sort()
    const chunk = files.find((file) => /^index-[\w-]{8}\.d\.ts$/.test(file)) ?? ''
    expect(files).toEqual(['a.d.cts', 'a.d.ts', 'b.d.cts', 'b.d.ts', chunk.replace('.d.ts', '.d.cts'), chunk].sort())
    const read = (file: string) => readFileSync(join(dir, 'dist', file), 'utf8')
    const chunkImport = (extension: string) => `from './${chunk.replace('.d.ts', extension)}'`
    expect(read('b.d.ts')).toContain("import { Observable } from 'rxjs'")
    expect(read('b.d.ts')).toContain(chunkImport('.js'))
    expect(read('b.d.cts')).toContain(chunkImport('.cjs'))
    expect(read(chunk)).toContain('interface Point')
    expect(existsSync(join(dir, 'dist', 'shared.d.ts'))).toBe(false)
  })

  it('names an import it cannot find among the declarations', async () => {
    const dir = packageFolder({})
    const a = join(dir, 'src', 'a.d.ts')
    const declarations = new Map([[a, `export { x } from './missing';\n`]])
    const entries = [{ name: 'a', source: join(dir, 'src', 'a.ts') }]
    await expect(bundleDeclarations(dir, { name: 'example' }, entries, declarations)).rejects.toThrow(
      `${a}: cannot resolve './missing' among the emitted declarations`,
    )
  })
})
