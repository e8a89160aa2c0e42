// Bundles a package's emitted declarations into one file per entry, as tsup's
// dts build did and with the same rollup-plugin-dts (the version tsup 8.5.1
// bundles) and the same output names: dist/<entry>.d.ts for import,
// dist/<entry>.d.cts for require, shared types in dist/<name>-<hash>.d.ts/.d.cts.
// One file per entry matters beyond tidiness: a .d.cts that imported a tree of
// .d.ts files would load them as ES modules under node16 resolution.
import { dirname, join, resolve } from 'node:path'
import { rollup, type Plugin, type RollupLog } from 'rollup'
import { dts } from 'rollup-plugin-dts'
import { declarationPath } from './emitDeclarations'
import type { PackageEntry, PackageManifest } from './packageEntries'

/**
 * Writes the declaration bundles of the package in `folder` from `declarations`
 * (emitDeclarations' result). Imports of other packages and of Node stay imports.
 * @example await bundleDeclarations('packages/io', readManifest('packages/io'), packageEntries('packages/io'), declarations)
 */
export async function bundleDeclarations(
  folder: string,
  manifest: PackageManifest,
  entries: readonly PackageEntry[],
  declarations: ReadonlyMap<string, string>,
): Promise<void> {
  const bundle = await rollup({
    input: Object.fromEntries(entries.map((entry) => [entry.name, declarationPath(entry.source)])),
    plugins: [fromMemory(declarations), dts()],
    external: externalOf(manifest),
    onwarn: (warning: RollupLog, warn: (warning: RollupLog) => void) => {
      if (!quietWarnings.has(warning.code ?? '')) warn(warning)
    },
  })
  try {
    const dir = join(folder, 'dist')
    const write = (extension: string) =>
      bundle.write({
        dir,
        format: 'esm',
        exports: 'named',
        entryFileNames: `[name]${extension}`,
        // A chunk is named after its first module, here `lineSeries.d.ts`: named `lineSeries-<hash>` as tsup did.
        chunkFileNames: (chunk) => `${chunk.name.replace(/\.d$/, '')}-[hash]${extension}`,
      })
    await Promise.all([write('.d.ts'), write('.d.cts')])
  } finally {
    await bundle.close()
  }
}

// Warnings tsup's dts build silenced: bare imports are left to the installer.
const quietWarnings = new Set(['UNRESOLVED_IMPORT', 'CIRCULAR_DEPENDENCY', 'EMPTY_BUNDLE'])

/** The package's dependencies and peers and their subpaths, as tsup marks them external. */
function externalOf(manifest: PackageManifest): RegExp[] {
  const names = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
  return names.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|\\/|\\\\)`))
}

/**
 * Resolves and loads declaration files from memory. A relative import resolves
 * as TypeScript resolved it in the source (`./ops/add` to `ops/add.d.ts` or
 * `ops/add/index.d.ts`); any other import is a package's and stays external,
 * which is what tsup's dts build made of them too.
 */
function fromMemory(declarations: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'declarations-from-memory',
    resolveId(source, importer) {
      if (importer === undefined) return declarations.has(source) ? source : null
      if (!source.startsWith('.')) return { id: source, external: true }
      const base = resolve(dirname(importer), source.replace(/\.js$/, ''))
      const found = [`${base}.d.ts`, join(base, 'index.d.ts')].find((path) => declarations.has(path))
      if (found === undefined) throw new Error(`${importer}: cannot resolve '${source}' among the emitted declarations`)
      return found
    },
    load: (id) => declarations.get(id) ?? null,
  }
}
