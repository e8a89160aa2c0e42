import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keepLogUpTo } from './resumedLog'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resumedLog-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const hparams = '{"type":"hparams","wall_time":1,"hparams":{"lr":0.1}}'
const step = (n: number, loss: number | string) =>
  `{"type":"step","step":${n},"epoch":1,"wall_time":2,"loss":${JSON.stringify(loss)}}`

describe('keepLogUpTo', () => {
  it('keeps the first hparams line and the steps up to the checkpoint, dropping later steps, repeats and torn lines', async () => {
    const path = join(dir, 'log.jsonl')
    const text = [hparams, step(1, 0.5), step(2, 'NaN'), step(3, 0.25), hparams, step(4, 0.125), '{"type":"st'].join(
      '\n',
    )
    await writeFile(path, text)
    const kept = await keepLogUpTo(path, 2)
    expect(await readFile(path, 'utf8')).toBe(`${hparams}\n${step(1, 0.5)}\n${step(2, 'NaN')}\n`)
    expect(kept).toEqual({
      hasHParams: true,
      steps: [
        { step: 1, loss: 0.5 },
        { step: 2, loss: NaN },
      ],
    })
    expect(await readdir(dir)).toEqual(['log.jsonl']) // the temporary file is renamed away
  })

  it('leaves a missing log missing', async () => {
    expect(await keepLogUpTo(join(dir, 'log.jsonl'), 4)).toEqual({ hasHParams: false, steps: [] })
    expect(await readdir(dir)).toEqual([])
  })
})
