// Builds packages into their dist/ folders in one process:
//   npx -y pnpm@10 build                          (every package under packages/)
//   npx tsx scripts/buildPackages.ts packages/io  (some; a package's own `build` script does this)
// The JavaScript (ESM and CommonJS) is each package's tsup.config.ts; the
// declarations come from one TypeScript program over every package built,
// bundled per entry. Building each package with tsup's own declarations took
// six times the CPU or more: each package's program checked its dependencies'
// sources again.
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'tsup'
import { bundleDeclarations } from './build/bundleDeclarations'
import { emitDeclarations } from './build/emitDeclarations'
import { packageEntries, readManifest } from './build/packageEntries'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** Every package folder under packages/, sorted. */
export function allPackages(): string[] {
  const root = join(repoRoot, 'packages')
  return readdirSync(root)
    .map((dir) => join(root, dir))
    .filter((folder) => existsSync(join(folder, 'tsup.config.ts')))
    .sort()
}

/**
 * Builds the packages in `folders` (all of them by default): dist/ holds the
 * ESM and CommonJS bundles and the .d.ts and .d.cts declarations of each entry
 * of package.json's `exports`. Reports each step's time through `log`.
 * @example await buildPackages(['packages/core']) // packages/core/dist/index.{js,cjs,d.ts,d.cts}
 */
export async function buildPackages(
  folders: readonly string[] = allPackages(),
  log: (line: string) => void = () => {},
): Promise<void> {
  const absolute = folders.map((folder) => resolve(folder))
  const timed = async <T>(step: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now()
    const cpu = process.cpuUsage()
    const result = await work()
    const { user, system } = process.cpuUsage(cpu)
    const seconds = (ms: number) => (ms / 1000).toFixed(1)
    log(`${step}: ${seconds(performance.now() - start)} s, CPU ${seconds((user + system) / 1000)} s`)
    return result
  }
  // tsup reads the config and package.json of the working folder, so the packages go one at a time.
  const cwd = process.cwd()
  try {
    for (const folder of absolute) {
      process.chdir(folder)
      await timed(`bundles of ${folder.slice(repoRoot.length)}`, () => build({ silent: true, dts: false }))
    }
  } finally {
    process.chdir(cwd)
  }
  const entries = absolute.map((folder) => packageEntries(folder))
  const sources = entries.flat().map((entry) => entry.source)
  const declarations = await timed('declarations (one program)', () => emitDeclarations(repoRoot, sources))
  await timed('declaration bundles', () =>
    Promise.all(
      absolute.map((folder, i) => bundleDeclarations(folder, readManifest(folder), entries[i] ?? [], declarations)),
    ),
  )
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const folders = process.argv.slice(2)
  await buildPackages(folders.length > 0 ? folders : allPackages(), (line) => process.stderr.write(`${line}\n`))
}
