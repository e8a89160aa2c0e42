// Builds every package under packages/ and packs each with `pnpm pack` into one
// folder, so the packages can be installed and tried before they are published:
//   npx -y pnpm@10 pack:all [folder]   (default: tarballs)
//   npm install ./tarballs/*.tgz rxjs
// `pnpm pack` writes the tarball a publish would upload: `workspace:*` ranges
// become the packages' versions, and only the `files` of each package.json,
// its README and its LICENSE go in.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** How to run pnpm: the pnpm running this script when there is one, else pnpm 10 through npx. */
function pnpm(): [string, ...string[]] {
  const running = process.env.npm_execpath
  if (running !== undefined && /^pnpm(\.c?js)?$/.test(basename(running))) {
    return running.endsWith('js') ? [process.execPath, running] : [running]
  }
  return ['npx', '-y', 'pnpm@10']
}

/**
 * Builds and packs every package under packages/ into `destination` (created
 * if missing) and returns the tarballs' paths, sorted. Tarballs of an earlier
 * run (`gradstream-*.tgz`) are removed first, so the folder holds one version.
 * @example packAll('tarballs') // ['.../tarballs/gradstream-autodiff-0.1.0.tgz', ...]
 */
export function packAll(destination: string): string[] {
  const folder = resolve(destination)
  mkdirSync(folder, { recursive: true })
  for (const file of tarballsIn(folder)) rmSync(file)
  const [command, ...prefix] = pnpm()
  const inPackages = ['--recursive', '--filter', './packages/*']
  const run = (args: string[]) => {
    try {
      execFileSync(command, [...prefix, ...args], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' })
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
      throw new Error(`pnpm ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error })
    }
  }
  run(['run', 'build']) // every package in one process (scripts/buildPackages.ts)
  run([...inPackages, 'pack', '--pack-destination', folder])
  return tarballsIn(folder)
}

function tarballsIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((file) => file.startsWith('gradstream-') && file.endsWith('.tgz'))
    .sort()
    .map((file) => join(folder, file))
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tarballs = packAll(process.argv[2] ?? 'tarballs')
  process.stdout.write(`${tarballs.join('\n')}\n`)
}
