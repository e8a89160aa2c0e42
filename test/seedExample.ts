// Helpers for the tests that run the examples, each by the command its header
// comment gives, and compare what the seed's sections print with the golden transcript
// in ./golden.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * The command an example's header comment gives to run it alone from the repository root: the first line of
 * its leading comment that starts with `npx `, split into words, without the optional `[--flag value]` parts.
 */
export function headerCommand(file: string): string[] {
  const text = readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')
  const lines = text.split('\n')
  const header = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('//')),
  )
  const command = header.map((line) => line.replace(/^\/\/\s*/, '')).find((line) => line.startsWith('npx '))
  if (command === undefined) throw new Error(`examples/${file}: the header comment gives no npx command to run it`)
  return command
    .replace(/\[[^\]]*\]/g, ' ')
    .trim()
    .split(/\s+/)
}

/**
 * Runs one example as the command its header comment gives would, from the repository root, and returns what it
 * printed. `npx tsx <flags> <file>` starts npm, which starts the workspace's tsx, which starts Node with tsx's
 * loader; this starts Node with that loader at once (`node --import tsx <flags> <file>`), the same program without
 * the two launcher processes (about 1.2 s of CPU time per run). {@link runExampleByHeaderCommand} runs the command
 * word for word.
 */
export function runExample(file: string, extraArgs: readonly string[] = []): string {
  const [npx, tsx, ...args] = headerCommand(file)
  if (npx !== 'npx' || tsx !== 'tsx') throw new Error(`examples/${file}: the header command is not npx tsx`)
  return runFromRoot(process.execPath, ['--import', 'tsx', ...args, ...extraArgs])
}

/** Runs one example by the command its header comment gives, word for word, and returns what it printed. */
export function runExampleByHeaderCommand(file: string, extraArgs: readonly string[] = []): string {
  const [command, ...args] = headerCommand(file)
  return runFromRoot(command!, [...args, ...extraArgs])
}

function runFromRoot(command: string, args: readonly string[]): string {
  return execFileSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * How long a test may wait for an example it runs: the longest (the regularization's two 40,000-step runs, MNIST)
 * take tens of seconds alone and minutes on a loaded machine.
 */
export const EXAMPLE_TIMEOUT = 600_000

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
