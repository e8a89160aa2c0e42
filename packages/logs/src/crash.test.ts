import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/** Resolves once the file at `path` holds at least `count` line breaks. */
async function waitForLines(path: string, count: number): Promise<void> {
  while (!existsSync(path) || readFileSync(path, 'utf8').split('\n').length <= count) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('a logging process killed mid-run', () => {
  it('leaves only whole lines in the JSON Lines and CSV logs (killed 7 ms after its 20th row)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crash-'))
    const [jsonl, csv] = [join(dir, 'log.jsonl'), join(dir, 'log.csv')]
    const child = fileURLToPath(new URL('./testing/logUntilKilled.ts', import.meta.url))
    const writer = spawn(process.execPath, ['--import', 'tsx', '--conditions=@gradstream/source', child, jsonl, csv], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: 'ignore',
    })
    await waitForLines(csv, 21) // the header and 20 rows
    await new Promise((resolve) => setTimeout(resolve, 7))
    writer.kill('SIGKILL')
    await new Promise((resolve) => writer.once('exit', resolve))

    const jsonLines = readFileSync(jsonl, 'utf8').split('\n')
    expect(jsonLines.pop()).toBe('')
    const steps = jsonLines.map((line) => (JSON.parse(line) as { step: number }).step)
    expect(steps).toEqual(steps.map((_, i) => i + 1))

    const [header, ...rows] = readFileSync(csv, 'utf8').split('\n')
    expect(rows.pop()).toBe('')
    const width = header!.split(',').length
    expect(width).toBe(204)
    expect(rows.length).toBeGreaterThanOrEqual(20)
    rows.forEach((row, i) => {
      const cells = row.split(',')
      expect(cells).toHaveLength(width)
      expect(cells[0]).toBe(String(i + 1))
      expect(cells.at(-2)).toBe(String(i + 1))
    })
  })
})
