// Runs examples/01-common-ops.ts by the command its header gives and checks every
// number it prints against the seed transcript's golden values for the section 常用函数与运算.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_TIMEOUT, runExample } from './seedExample'

interface GoldenItem {
  readonly expr: string
  readonly printed: string
  readonly values: readonly ({ readonly value: number } | boolean)[]
}

interface Golden {
  readonly sections: readonly { readonly id: string; readonly items?: readonly GoldenItem[] }[]
}

/** One printed cell: the seed's TF1 call (from its `# ` line) and the result lines. */
interface Cell {
  readonly tf1: string
  readonly output: string
}

const goldenUrl = new URL('./golden/seed-transcript.json', import.meta.url)

/** Blank-line separated blocks; a block with result lines is a cell. */
function parseCells(stdout: string): Cell[] {
  return stdout
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.some((line) => !line.startsWith('# ') && !line.startsWith('>>> ')))
    .map((lines) => ({
      tf1: lines.find((line) => line.startsWith('# '))?.slice(2) ?? '',
      output: lines.filter((line) => !line.startsWith('# ') && !line.startsWith('>>> ')).join('\n'),
    }))
}

/** Every number and boolean in a printed result, in order, leaving out the dtype name. */
function printedValues(output: string): (number | boolean)[] {
  const body = output.replace(/dtype=\w+/g, '')
  return Array.from(body.matchAll(/True|False|-?\d+(?:\.\d*)?(?:e[+-]\d+)?/g), ([token]) =>
    token === 'True' ? true : token === 'False' ? false : Number(token),
  )
}

const collapse = (text: string) => text.replace(/\s+/g, ' ')

describe('examples/01-common-ops.ts', () => {
  const golden = JSON.parse(readFileSync(goldenUrl, 'utf8')) as Golden
  const items = golden.sections.find((section) => section.id === 'basic_ops')!.items!
  let cells: Cell[] = []
  beforeAll(() => {
    cells = parseCells(runExample('01-common-ops.ts'))
  }, EXAMPLE_TIMEOUT)

  it('prints one result for each golden item of the section', () => {
    expect(items.length).toBe(11)
    expect(cells.map((cell) => cell.tf1).sort()).toEqual(items.map((item) => item.expr.split('  (')[0]).sort())
  })

  it.each(items.map((item) => [item.expr, item] as const))('prints the golden values of %s exactly', (_, item) => {
    const cell = cells.find((c) => item.expr.split('  (')[0] === c.tf1)!
    const expected = item.values.map((v) => (typeof v === 'boolean' ? v : v.value))
    expect(printedValues(cell.output)).toEqual(expected)
  })

  it.each(items.map((item) => [item.expr, item] as const))('prints %s as the seed does', (_, item) => {
    // The seed's text lost runs of spaces and line breaks, so compare with whitespace collapsed.
    const cell = cells.find((c) => item.expr.split('  (')[0] === c.tf1)!
    expect(collapse(cell.output)).toContain(collapse(item.printed))
  })
})
