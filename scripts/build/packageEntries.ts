// A package's public entries, read from its package.json `exports` map: the
// map already names each entry's source (the `@gradstream/source` condition)
// and its declaration files, so the build needs no second list.
import { readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'

/** One import path of a package: `@gradstream/plot/figure` is `{ name: 'figure', source: '.../src/figure/index.ts' }`. */
export interface PackageEntry {
  /** The file name its declarations get in dist/: `figure` for `dist/figure.d.ts` and `dist/figure.d.cts`. */
  readonly name: string
  /** Its source file, absolute. */
  readonly source: string
}

export interface PackageManifest {
  readonly name: string
  readonly private?: boolean
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly exports?: Record<string, unknown>
}

interface ExportConditions {
  readonly '@gradstream/source'?: string
  readonly import?: { readonly types?: string }
  readonly require?: { readonly types?: string }
}

export function readManifest(folder: string): PackageManifest {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest
}

/**
 * The entries of the package in `folder`, one per subpath of `exports` except
 * `./package.json`. Throws when an entry lacks its source condition or when its
 * ESM and CommonJS declarations are not `dist/<name>.d.ts` and `dist/<name>.d.cts`.
 * @example packageEntries('packages/io').map((e) => e.name) // ['index', 'bytes']
 */
export function packageEntries(folder: string): PackageEntry[] {
  const manifest = readManifest(folder)
  return Object.entries(manifest.exports ?? {})
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, value]) => {
      const conditions = value as ExportConditions
      const source = conditions['@gradstream/source']
      const esm = conditions.import?.types ?? ''
      const name = basename(esm, '.d.ts')
      if (
        source === undefined ||
        esm !== `./dist/${name}.d.ts` ||
        conditions.require?.types !== `./dist/${name}.d.cts`
      ) {
        throw new Error(
          `${manifest.name}: exports['${subpath}'] must name its source and ./dist/<name>.d.ts and .d.cts declarations`,
        )
      }
      return { name, source: resolve(folder, source) }
    })
}
