// Helpers for the tests that run the seed's examples and compare what they
// print with the golden transcript in ./golden.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const examplesDir = fileURLToPath(new URL('../examples/', import.meta.url))

/** Runs one example as the demo does (its own Node process, packages from source) and returns what it printed. */
export function runExample(file: string): string {
  return execFileSync(process.execPath, ['--conditions=@gradstream/source', '--import', 'tsx', file], {
    cwd: examplesDir,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  })
}

/** One number as the golden file records it: the printed text and its value. */
export interface GoldenNumber {
  readonly printed: string
  readonly value: number
  readonly digits_match?: boolean
}

export interface GoldenSection {
  readonly id: string
  readonly [key: string]: unknown
}

/** A section of the golden transcript by id. */
export function goldenSection<T extends GoldenSection>(id: string): T {
  const url = new URL('./golden/seed-transcript.json', import.meta.url)
  const golden = JSON.parse(readFileSync(url, 'utf8')) as { sections: GoldenSection[] }
  const section = golden.sections.find((s) => s.id === id)
  if (section === undefined) throw new Error(`no golden section ${id}`)
  return section as T
}

/** Half a unit of the last printed digit: the most a faithful value may differ from what was printed. */
export function printedTolerance(printed: string): number {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0
  return 0.5 * 10 ** -decimals
}

/** Every decimal number in `text`, as the strings printed. */
export function printedNumbers(text: string): string[] {
  return Array.from(text.matchAll(/-?\d+\.\d+(?:e[+-]?\d+)?|-?\d+/g), ([token]) => token)
}
