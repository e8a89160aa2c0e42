// What every published package under packages/ declares for its users and for
// the registry: a licence file and the fields npm shows (repository with the
// package's folder, homepage, bugs, keywords, license), caret ranges for
// third-party runtime dependencies (exact versions live in pnpm-lock.yaml), and
// rxjs as a peer dependency, so an application's own rxjs is the one loaded.
// Packages added later are held to the same rules.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const repositoryUrl = 'https://github.com/gradstream/gradstream'

/** The fields of a package.json these rules read. */
export interface PackageManifest {
  readonly name?: unknown
  readonly private?: unknown
  readonly license?: unknown
  readonly keywords?: unknown
  readonly homepage?: unknown
  readonly repository?: unknown
  readonly bugs?: unknown
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly devDependencies?: Readonly<Record<string, string>>
}

/** What is missing or wrong in the metadata of the package in `packages/<dir>`; empty when nothing is. */
export function metadataProblems(dir: string, manifest: PackageManifest, licenseText: string | undefined): string[] {
  const problems: string[] = []
  if (manifest.license !== 'MIT') problems.push(`license is ${JSON.stringify(manifest.license)}, not "MIT"`)
  if (licenseText === undefined) problems.push('no LICENSE file')
  else if (!licenseText.startsWith('MIT License')) problems.push('LICENSE is not the MIT licence')
  const keywords = manifest.keywords
  if (!Array.isArray(keywords) || keywords.length === 0 || !keywords.every((k) => typeof k === 'string')) {
    problems.push('keywords must be a non-empty list of strings')
  }
  const repository = manifest.repository as { type?: unknown; url?: unknown; directory?: unknown } | undefined
  if (
    repository?.type !== 'git' ||
    repository.url !== `git+${repositoryUrl}.git` ||
    repository.directory !== `packages/${dir}`
  ) {
    problems.push(`repository must be { type: "git", url: "git+${repositoryUrl}.git", directory: "packages/${dir}" }`)
  }
  if (manifest.homepage !== `${repositoryUrl}/tree/main/packages/${dir}#readme`) {
    problems.push(`homepage must be ${repositoryUrl}/tree/main/packages/${dir}#readme`)
  }
  if ((manifest.bugs as { url?: unknown } | undefined)?.url !== `${repositoryUrl}/issues`) {
    problems.push(`bugs.url must be ${repositoryUrl}/issues`)
  }
  return problems
}

/** What is wrong in the dependency ranges of a published package; empty when nothing is. */
export function dependencyRangeProblems(manifest: PackageManifest): string[] {
  const problems: string[] = []
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (name === 'rxjs') problems.push('rxjs must be a peer dependency, not a dependency')
    else if (!range.startsWith('workspace:') && !/^\^\d+(\.\d+){0,2}$/.test(range)) {
      problems.push(`dependency ${name} has range ${range}; use a caret range such as ^1.2.3`)
    }
  }
  const rxjsPeer = manifest.peerDependencies?.rxjs
  if (rxjsPeer !== undefined) {
    if (rxjsPeer !== '^7.8') problems.push(`peer dependency rxjs has range ${rxjsPeer}, not ^7.8`)
    // The workspace's own tests and builds need a copy: an exact one, as for every dev tool.
    if (!/^\d+\.\d+\.\d+$/.test(manifest.devDependencies?.rxjs ?? '')) {
      problems.push('rxjs must also be an exact devDependency')
    }
  }
  return problems
}

const published = readdirSync(join(root, 'packages'))
  .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
  .map((dir) => {
    const folder = join(root, 'packages', dir)
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest
    const licensePath = join(folder, 'LICENSE')
    return { dir, manifest, license: existsSync(licensePath) ? readFileSync(licensePath, 'utf8') : undefined }
  })
  .filter(({ manifest }) => manifest.private !== true)

describe('package metadata', () => {
  it('finds the published packages', () => {
    expect(published.map(({ dir }) => dir)).toEqual(expect.arrayContaining(['core', 'tensor', 'train', 'plot']))
  })

  it.each(published)('packages/$dir has a LICENSE, repository, homepage, bugs and keywords', (pkg) => {
    expect(metadataProblems(pkg.dir, pkg.manifest, pkg.license)).toEqual([])
  })

  it.each(published)('packages/$dir uses caret ranges for third-party dependencies and rxjs as a peer', (pkg) => {
    expect(dependencyRangeProblems(pkg.manifest)).toEqual([])
  })

  it('names every missing field and file', () => {
    expect(metadataProblems('io', { license: 'ISC', keywords: [] }, undefined)).toEqual([
      'license is "ISC", not "MIT"',
      'no LICENSE file',
      'keywords must be a non-empty list of strings',
      `repository must be { type: "git", url: "git+${repositoryUrl}.git", directory: "packages/io" }`,
      `homepage must be ${repositoryUrl}/tree/main/packages/io#readme`,
      `bugs.url must be ${repositoryUrl}/issues`,
    ])
  })

  it('refuses a repository pointing at another package folder', () => {
    const tensor = published.find(({ dir }) => dir === 'tensor')!
    expect(metadataProblems('train', tensor.manifest, tensor.license)).toEqual([
      `repository must be { type: "git", url: "git+${repositoryUrl}.git", directory: "packages/train" }`,
      `homepage must be ${repositoryUrl}/tree/main/packages/train#readme`,
    ])
  })

  it('refuses exact or open runtime ranges and rxjs as a dependency', () => {
    const manifest = {
      dependencies: { '@gradstream/core': 'workspace:*', immer: '11.2.10', uplot: '*', rxjs: '^7.8.2' },
      peerDependencies: { rxjs: '>=7' },
    }
    expect(dependencyRangeProblems(manifest)).toEqual([
      'dependency immer has range 11.2.10; use a caret range such as ^1.2.3',
      'dependency uplot has range *; use a caret range such as ^1.2.3',
      'rxjs must be a peer dependency, not a dependency',
      'peer dependency rxjs has range >=7, not ^7.8',
      'rxjs must also be an exact devDependency',
    ])
  })
})
