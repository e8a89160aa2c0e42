// The TypeScript samples of the READMEs, as test/readmeSamples.test.ts checks
// them: every ```ts (or ```typescript) block of the root README and of each
// package's README.
//
// A block is a complete program unless the line right before its fence is a
// fragment marker, an HTML comment that readers never see:
//
//   <!-- fragment -->
//   <!-- fragment: import type { Tensor } from '@gradstream/tensor'; declare const x: Tensor -->
//
// A fragment is type-checked after the TypeScript the marker holds (the names
// it uses from the text around it) and never run; a complete program imports
// everything it uses and is type-checked and run.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One ```ts block of a README. */
export interface ReadmeSample {
  /** The README, relative to the repository root: 'packages/train/README.md'. */
  readonly readme: string
  /** The README line (1-based) of the sample's first line of code. */
  readonly line: number
  readonly code: string
  /** The marker's TypeScript for a fragment (possibly ''), undefined for a complete program. */
  readonly context: string | undefined
}

const FENCE = /^```(?:ts|typescript)\s*$/
const FENCE_END = /^```\s*$/
const MARKER = /^<!--\s*fragment\b:?([\s\S]*?)-->\s*$/

/** The root README, then each package's README in folder order. */
export function readmeFiles(root: string): string[] {
  const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/README.md`)
    .filter((readme) => existsSync(join(root, readme)))
  return ['README.md', ...packages.sort()]
}

/** The ```ts blocks of one README's text, with the fragment marker that precedes each. */
export function samplesOf(readme: string, text: string): ReadmeSample[] {
  const lines = text.split('\n')
  const samples: ReadmeSample[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i]!)) continue
    const end = lines.findIndex((line, j) => j > i && FENCE_END.test(line))
    if (end < 0) throw new Error(`${readme}:${i + 1}: a \`\`\`ts block that never closes`)
    samples.push({
      readme,
      line: i + 2,
      code: lines.slice(i + 1, end).join('\n'),
      context: markerBefore(lines, i),
    })
    i = end
  }
  return samples
}

/** The TypeScript of a fragment marker ending on the line before `fence`, or undefined without one. */
function markerBefore(lines: readonly string[], fence: number): string | undefined {
  if (fence === 0 || !lines[fence - 1]!.trimEnd().endsWith('-->')) return undefined
  let start = fence - 1
  while (start > 0 && !lines[start]!.startsWith('<!--')) start--
  const match = MARKER.exec(lines.slice(start, fence).join('\n'))
  return match === null ? undefined : match[1]!.trim()
}

/** Every sample of every README. */
export function readmeSamples(root: string): ReadmeSample[] {
  return readmeFiles(root).flatMap((readme) => samplesOf(readme, readFileSync(join(root, readme), 'utf8')))
}
