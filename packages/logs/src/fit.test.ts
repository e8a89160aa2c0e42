// The three loggers on a real run of `fit`: what they write is what the snapshots say.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sgd } from '@gradstream/optimizers'
import { matMul, mean, square, sub, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { evaluate, fit } from '@gradstream/train'
import { lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { csvLog } from './csvLog'
import { jsonlLog } from './jsonlLog'
import { tensorBoard } from './tensorboard/tensorBoard'

describe('the loggers on a run of fit', () => {
  it('write one row and one event per step with the run’s own numbers, and the stream ends once they are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fit-'))
    const x = tensor([
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 1],
      [1, 2],
      [0, 2],
    ])
    const y = matMul(x, tensor([[1], [2]]))
    const hparams = { optimizer: 'sgd', learningRate: 0.1, batchSize: 2 }
    const snapshots = await lastValueFrom(
      fit({
        params: { w: tensor([[0], [0]]) },
        loss: ({ w }: { readonly w: Tensor }, batch) => mean(square(sub(matMul(batch.x, w), batch.y))),
        optimizer: sgd,
        learningRate: 0.1,
        data: { x, y },
        epochs: 2,
        batching: { batchSize: 2 },
      }).pipe(
        jsonlLog(join(dir, 'log.jsonl'), { hparams }),
        csvLog(join(dir, 'log.csv'), { hparams }),
        tensorBoard(join(dir, 'tb'), { hparams, histograms: { every: 3, params: ['w'] } }),
        toArray(),
      ),
    )
    expect(snapshots.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6])

    const [, ...rows] = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n')
    expect(rows.map((line) => JSON.parse(line) as object)).toEqual(
      snapshots.map((s) => ({
        type: 'step',
        step: s.step,
        epoch: s.epoch,
        wall_time: expect.any(Number) as number,
        loss: s.loss,
        learning_rate: 0.1,
      })),
    )
    const csv = readFileSync(join(dir, 'log.csv'), 'utf8').trim().split('\n')
    expect(csv[0]).toBe('step,epoch,wall_time,loss,learning_rate')
    expect(csv.slice(1).map((row) => row.split(',').map(Number)[3])).toEqual(snapshots.map((s) => s.loss))
    // file version, hparams at step 0, six steps, the session end
    const events = readFileSync(join(dir, 'tb', readdirSync(join(dir, 'tb'))[0]!))
    let records = 0
    for (let at = 0; at < events.length; at += 16 + Number(events.readBigUInt64LE(at))) records++
    expect(records).toBe(9)
  })

  it('log the numbers of evaluate on the epoch ends, in columns the CSV gains when they first appear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fit-'))
    const x = tensor([
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ])
    const y = matMul(x, tensor([[1], [2]]))
    const predict = (p: { readonly w: Tensor }, rows: Tensor) => matMul(rows, p.w)
    const meanSquaredError = (labels: Tensor, predictions: Tensor) => mean(square(sub(predictions, labels)))
    const snapshots = await lastValueFrom(
      fit({
        params: { w: tensor([[0], [0]]) },
        loss: ({ w }: { readonly w: Tensor }, batch) => meanSquaredError(batch.y, predict({ w }, batch.x)),
        optimizer: sgd,
        learningRate: 0.1,
        data: { x, y },
        epochs: 2,
        batching: { batchSize: 2 },
      }).pipe(
        evaluate({ data: { x, y }, predict, loss: meanSquaredError }),
        jsonlLog(join(dir, 'log.jsonl')),
        csvLog(join(dir, 'log.csv')),
        toArray(),
      ),
    )
    const evaluated = snapshots.filter((s) => s.eval !== undefined)
    expect(evaluated.map((s) => s.step)).toEqual([2, 4])
    const rows = readFileSync(join(dir, 'log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, number>)
    expect(rows.map((row) => row['eval/loss'])).toEqual(snapshots.map((s) => s.eval?.loss))
    const csv = readFileSync(join(dir, 'log.csv'), 'utf8').trim().split('\n')
    expect(csv[0]).toBe('step,epoch,wall_time,loss,learning_rate,eval/loss')
    expect(csv.slice(1).map((row) => row.split(',')[5])).toEqual(
      snapshots.map((s) => (s.eval ? String(s.eval.loss) : '')),
    )
  })
})
