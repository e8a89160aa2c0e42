// Runs examples/10-sweep.ts by the command its header gives, with short runs:
// 12 configs on worker threads, one log directory each, and the ranked table.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_TIMEOUT, runExample } from './seedExample'

describe('examples/10-sweep.ts', () => {
  let output = ''
  let rows: string[][] = []
  beforeAll(() => {
    output = runExample('10-sweep.ts', ['--steps', '50'])
    rows = output
      .split('\n')
      .filter((line) => /^\s+\d+ {2}l2=/.test(line))
      .map((line) => line.trim().split(/\s+/))
  }, EXAMPLE_TIMEOUT)

  it('ranks the 12 runs by validation loss, all finished, best first', () => {
    expect(output).toMatch(/^12 runs on \d+ threads in \d+\.\d s, ranked by validation loss:$/m)
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)))
    expect(rows.every((row) => row[2] === 'finished' && row[3] === '50')).toBe(true)
    const losses = rows.map((row) => Number(row[4]))
    expect(losses).toEqual([...losses].sort((a, b) => a - b))
    expect(new Set(rows.map((row) => row[1])).size).toBe(12)
  })

  it('writes one log directory per run, its log starting with the config as hyper-parameters', () => {
    for (const [, runId] of rows) {
      const log = fileURLToPath(new URL(`../examples/out/sweep/${runId}/log.jsonl`, import.meta.url))
      expect(existsSync(log)).toBe(true)
      const [first, ...steps] = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      expect(first.type).toBe('hparams')
      expect(`l2=${first.hparams.l2},lr=${first.hparams.lr},steps=50`).toBe(runId)
      expect(steps).toHaveLength(50)
    }
  })
})
