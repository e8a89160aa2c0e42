// The repository must pass its tests from a plain clone: no file may reach for
// a path outside it (a sibling checkout, a home directory, this machine's
// folders). Every relative path literal is resolved against its file's folder.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const scanned = /\.(ts|mts|cts|js|mjs|cjs|json|sh|yaml|yml)$|^\.ci\/run$/

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => scanned.test(file) && !file.endsWith('pnpm-lock.yaml'))
}

/** Relative paths in quotes that climb out of their folder, as they appear in the file. */
function climbingPaths(text: string): string[] {
  return [...text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g)].map((match) => match[1]!)
}

describe('the repository is self-contained', () => {
  const files = trackedFiles()

  it('finds the files it scans', () => {
    expect(files).toContain('test/self-contained.test.ts')
    expect(files.length).toBeGreaterThan(100)
  })

  it('reads no relative path that leaves the repository', () => {
    const escaping: string[] = []
    for (const file of files) {
      const text = readFileSync(resolve(root, file), 'utf8')
      for (const path of climbingPaths(text)) {
        const target = relative(root, resolve(root, dirname(file), path))
        if (target.startsWith('..') || isAbsolute(target)) escaping.push(`${file}: ${path}`)
      }
    }
    expect(escaping).toEqual([])
  })

  it('names no folder of the machine it was written on', () => {
    const absolute = files.filter((file) =>
      /['"`](\/work\/|\/root\/|\/home\/|\/tmp\/)/.test(readFileSync(resolve(root, file), 'utf8')),
    )
    expect(absolute).toEqual([])
  })

  it('catches a path that climbs out', () => {
    const outside = ['..', '..', 'shared', 'golden', 'x.json'].join('/')
    expect(climbingPaths(`new URL('${outside}', import.meta.url)`)).toEqual([outside])
    expect(relative(root, resolve(root, 'test', outside)).startsWith('..')).toBe(true)
  })
})
