import { ConfigError } from '@gradstream/core'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { concat, from, lastValueFrom, of, throwError, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { jsonlLog } from './jsonlLog'
import { LogWriteError } from './LogWriteError'
import { runSnapshots } from './testing/snapshots'

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('jsonlLog', () => {
  it('writes the hparams line, then one line per snapshot in order, and completes once they are written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'runs', 'a', 'log.jsonl')
    const snapshots = runSnapshots(4)
    const before = Date.now() / 1000
    const passed = await lastValueFrom(
      from(snapshots).pipe(jsonlLog(path, { hparams: { lr: 0.1, opt: 'adam' } }), toArray()),
    )
    const after = Date.now() / 1000
    expect(passed).toHaveLength(4)
    passed.forEach((snapshot, i) => expect(snapshot).toBe(snapshots[i]))
    const [header, ...rows] = lines(path)
    expect(header).toEqual({ type: 'hparams', wall_time: header!.wall_time, hparams: { lr: 0.1, opt: 'adam' } })
    expect(rows.map((row) => row.step)).toEqual([1, 2, 3, 4])
    expect(rows[1]).toEqual({
      type: 'step',
      step: 2,
      epoch: 1,
      wall_time: rows[1]!.wall_time,
      loss: 0.5,
      'loss/mse': 0.375,
      'loss/l2': 0.125,
      learning_rate: 0.1,
      'eval/loss': 0.25,
      'eval/accuracy': 2 / 3,
    })
    expect(Object.keys(rows[0]!)).toEqual([
      'type',
      'step',
      'epoch',
      'wall_time',
      'loss',
      'loss/mse',
      'loss/l2',
      'learning_rate',
    ])
    for (const row of [header!, ...rows]) {
      expect(row.wall_time).toBeGreaterThanOrEqual(before - 0.001)
      expect(row.wall_time).toBeLessThanOrEqual(after + 0.001)
    }
  })

  it('continues an existing file, starting a new line after a cut-off last line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'log.jsonl')
    writeFileSync(path, '{"type":"step","step":1}\n{"type":"st')
    await lastValueFrom(from(runSnapshots(2)).pipe(jsonlLog(path)))
    const text = readFileSync(path, 'utf8').split('\n')
    expect(text[0]).toBe('{"type":"step","step":1}')
    expect(text[1]).toBe('{"type":"st')
    expect(text.slice(2, 4).map((line) => (JSON.parse(line) as { step: number }).step)).toEqual([1, 2])
    expect(text[4]).toBe('')
  })

  it('writes a loss of one term once, leaves out a NaN learning rate, and spells non-finite numbers as strings', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'log.jsonl')
    const snapshot = {
      step: 7,
      loss: NaN,
      losses: { loss: NaN },
      learningRate: NaN,
      eval: { loss: Infinity, gap: -Infinity },
    }
    await lastValueFrom(of(snapshot).pipe(jsonlLog(path)))
    const [row] = lines(path)
    expect(row).toEqual({
      type: 'step',
      step: 7,
      wall_time: row!.wall_time,
      loss: 'NaN',
      'eval/loss': 'Infinity',
      'eval/gap': '-Infinity',
    })
  })

  it('ends the stream with a LogWriteError naming the file when it cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsonl-'))
    const error = await lastValueFrom(from(runSnapshots(2)).pipe(jsonlLog(dir))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LogWriteError)
    expect((error as Error).message).toMatch(new RegExp(`^jsonlLog: writing '${dir}' failed: EISDIR`))
  })

  it('passes a source error on once what came before it is written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'log.jsonl')
    const failing = new Error('step 3 failed')
    const source = concat(
      from(runSnapshots(2)),
      throwError(() => failing),
    )
    const error = await lastValueFrom(source.pipe(jsonlLog(path))).catch((e: unknown) => e)
    expect(error).toBe(failing)
    expect(lines(path).map((row) => row.step)).toEqual([1, 2])
  })

  it('refuses bad arguments with a ConfigError', () => {
    expect(() => jsonlLog(3 as unknown as string)).toThrow(new ConfigError('jsonlLog', 'path must be a string, got 3'))
    expect(() => jsonlLog('a.jsonl', { hparam: {} } as never)).toThrow(
      new ConfigError('jsonlLog', "unknown option 'hparam'; expected one of hparams"),
    )
    expect(() => jsonlLog('a.jsonl', { hparams: { lr: NaN } })).toThrow(
      new ConfigError('jsonlLog', 'hparams.lr must be a finite number, got NaN'),
    )
    expect(() => jsonlLog('a.jsonl', { hparams: { sizes: [1, 2] } as never })).toThrow(
      new ConfigError(
        'jsonlLog',
        'hparams.sizes must be a string, a finite number, a boolean or an object of them, got an array',
      ),
    )
    expect(() => jsonlLog('a.jsonl', { hparams: { optimizer: { name: 'adam', beta1: Infinity } } })).toThrow(
      new ConfigError('jsonlLog', 'hparams.optimizer.beta1 must be a finite number, got Infinity'),
    )
    const cyclic: Record<string, unknown> = { name: 'adam' }
    cyclic.self = cyclic
    expect(() => jsonlLog('a.jsonl', { hparams: { optimizer: cyclic } as never })).toThrow(
      new ConfigError(
        'jsonlLog',
        'hparams.optimizer.self refers back to hparams.optimizer; a tree may not hold cycles',
      ),
    )
  })

  it('writes nested hyper-parameters as given', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'log.jsonl')
    const hparams = { optimizer: { name: 'adam', learningRate: 0.001, amsgrad: false }, batchSize: 64 }
    await lastValueFrom(from(runSnapshots(1)).pipe(jsonlLog(path, { hparams })))
    expect(lines(path)[0]!.hparams).toEqual(hparams)
  })
})
