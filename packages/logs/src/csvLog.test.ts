import { ConfigError } from '@gradstream/core'
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { from, lastValueFrom, of, Subject, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { csvLog } from './csvLog'
import type { LoggedSnapshot } from './loggedSnapshot'
import { runSnapshots } from './testing/snapshots'

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'csv-')), 'runs', 'log.csv')
const table = (path: string) => readFileSync(path, 'utf8').split('\n')

/** The cells of each row with `wall_time` replaced by 'T' (its value is the clock's). */
const cells = (path: string) => {
  const [header, ...rows] = table(path)
  const at = header!.split(',').indexOf('wall_time')
  return [
    header,
    ...rows
      .filter((row) => row !== '')
      .map((row) =>
        row
          .split(',')
          .map((cell, i) => (i === at ? 'T' : cell))
          .join(','),
      ),
  ]
}

describe('csvLog', () => {
  it('writes a header and one row per snapshot, eval cells empty where no evaluation ran', async () => {
    const path = freshPath()
    const snapshots = runSnapshots(3)
    const passed = await lastValueFrom(from(snapshots).pipe(csvLog(path), toArray()))
    passed.forEach((snapshot, i) => expect(snapshot).toBe(snapshots[i]))
    expect(cells(path)).toEqual([
      'step,epoch,wall_time,loss,loss/mse,loss/l2,learning_rate,eval/loss,eval/accuracy',
      '1,1,T,1,0.75,0.25,0.1,,',
      `2,1,T,0.5,0.375,0.125,0.1,0.25,${2 / 3}`,
      `3,2,T,${1 / 3},0.25,${0.25 / 3},0.1,,`,
    ])
    expect(table(path).at(-1)).toBe('')
  })

  it('widens the file, header and earlier rows, when a column first appears in a later batch', async () => {
    const path = freshPath()
    const [first, second] = runSnapshots(2) as LoggedSnapshot[]
    const step$ = new Subject<LoggedSnapshot>()
    const done = lastValueFrom(step$.pipe(csvLog(path)))
    step$.next(first!)
    while (!existsSync(path) || !readFileSync(path, 'utf8').includes('\n1,')) await new Promise((r) => setTimeout(r, 5))
    expect(cells(path)).toEqual(['step,epoch,wall_time,loss,loss/mse,loss/l2,learning_rate', '1,1,T,1,0.75,0.25,0.1'])
    step$.next(second!)
    step$.complete()
    await done
    expect(cells(path)).toEqual([
      'step,epoch,wall_time,loss,loss/mse,loss/l2,learning_rate,eval/loss,eval/accuracy',
      '1,1,T,1,0.75,0.25,0.1,,',
      `2,1,T,0.5,0.375,0.125,0.1,0.25,${2 / 3}`,
    ])
    expect(readdirSync(join(path, '..'))).toEqual(['log.csv'])
  })

  it('continues an existing log under its header, in its column order, and appends new columns at the end', async () => {
    const path = freshPath()
    await lastValueFrom(of({ step: 1, loss: 2, losses: { loss: 2 }, learningRate: 0.5 }).pipe(csvLog(path)))
    await lastValueFrom(from(runSnapshots(2)).pipe(csvLog(path)))
    expect(cells(path)).toEqual([
      'step,wall_time,loss,learning_rate,epoch,loss/mse,loss/l2,eval/loss,eval/accuracy',
      '1,T,2,0.5,,,,,',
      '1,T,1,0.1,1,0.75,0.25,,',
      `2,T,0.5,0.1,1,0.375,0.125,0.25,${2 / 3}`,
    ])
  })

  it('quotes column names that hold commas or quotes, and reads them back when continuing', async () => {
    const path = freshPath()
    const snapshot = { step: 1, loss: 1, losses: { 'a,b': 0.5, 'say "hi"': 0.5 }, learningRate: 0.1 }
    await lastValueFrom(of(snapshot).pipe(csvLog(path)))
    await lastValueFrom(of({ ...snapshot, step: 2 }).pipe(csvLog(path)))
    expect(table(path)[0]).toBe('step,wall_time,loss,"loss/a,b","loss/say ""hi""",learning_rate')
    expect(table(path).filter((line) => line !== '')).toHaveLength(3)
  })

  it('writes NaN and infinities as NaN, inf and -inf, and a NaN learning rate as an empty cell', async () => {
    const path = freshPath()
    await lastValueFrom(
      of({ step: 4, loss: NaN, losses: { loss: NaN }, learningRate: NaN, eval: { a: Infinity, b: -Infinity } }).pipe(
        csvLog(path),
      ),
    )
    expect(cells(path)).toEqual(['step,wall_time,loss,eval/a,eval/b', '4,T,NaN,inf,-inf'])
  })

  it('appends the hyper-parameters of each run to the sidecar file <path>.hparams.jsonl', async () => {
    const path = freshPath()
    await lastValueFrom(from(runSnapshots(1)).pipe(csvLog(path, { hparams: { lr: 0.1 } })))
    await lastValueFrom(from(runSnapshots(1)).pipe(csvLog(path, { hparams: { lr: 0.05 } })))
    const records = readFileSync(`${path}.hparams.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; hparams: object })
    expect(records.map(({ type, hparams }) => ({ type, hparams }))).toEqual([
      { type: 'hparams', hparams: { lr: 0.1 } },
      { type: 'hparams', hparams: { lr: 0.05 } },
    ])
    expect(table(path)[0]!.startsWith('step,')).toBe(true)
  })

  it('starts a new row after a cut-off last line', async () => {
    const path = freshPath()
    await lastValueFrom(from(runSnapshots(1)).pipe(csvLog(path)))
    writeFileSync(path, readFileSync(path, 'utf8') + '2,1,17')
    await lastValueFrom(from(runSnapshots(1)).pipe(csvLog(path)))
    expect(table(path)[2]).toBe('2,1,17')
    expect(cells(path).slice(3)).toEqual(['1,1,T,1,0.75,0.25,0.1'])
  })

  it('refuses bad arguments with a ConfigError', () => {
    expect(() => csvLog(undefined as unknown as string)).toThrow(
      new ConfigError('csvLog', 'path must be a string, got undefined'),
    )
    expect(() => csvLog('a.csv', { columns: [] } as never)).toThrow(
      new ConfigError('csvLog', "unknown option 'columns'; expected one of hparams"),
    )
    expect(() => csvLog('a.csv', { hparams: 'lr=0.1' as never })).toThrow(
      new ConfigError('csvLog', 'hparams must be an object of strings, numbers and booleans, got "lr=0.1"'),
    )
  })
})
