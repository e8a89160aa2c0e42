import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { firstValueFrom, toArray } from 'rxjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runOne } from './runOne'

const module = fileURLToPath(new URL('./testing/linearRun.ts', import.meta.url))
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runOne-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('runOne', () => {
  it('emits started, a step per step and finished', async () => {
    const job = { runId: 'a', config: { lr: 0.1, steps: 5 }, module, runDir: join(dir, 'a') }
    const events = await firstValueFrom(runOne(job, { checkpointEvery: 2 }).pipe(toArray()))
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'step', 'step', 'step', 'finished'])
    const log = (await readFile(join(dir, 'a', 'log.jsonl'), 'utf8')).trim().split('\n')
    expect(log).toHaveLength(6)
    const checkpoint = JSON.parse(await readFile(join(dir, 'a', 'checkpoint.json'), 'utf8'))
    expect(checkpoint.state.step).toBe(5)
  })
})
