import { adam } from '@gradstream/optimizers'
import { firstValueFrom, map, range, take, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { checkpoint } from '../operators/checkpoint'
import { checkpointTextAt } from '../testing/checkpointTextAt'
import { linearAdamRun } from '../testing/linearAdamRun'
import { linearProblem } from '../testing/linearProblem'
import { parseCheckpoint, serializeCheckpoint } from './format'
import { resume } from './resume'

const { params } = linearProblem()
const model = { params, optimizer: adam, learningRate: 0.01 }
const run = (steps: number, resumeFrom?: string) => linearAdamRun(steps, { resumeFrom })

const checkpointAt = (step: number): Promise<string> => checkpointTextAt(run(step), step)

describe('checkpoint and resume', () => {
  it('continues a stopped run bit for bit as the uninterrupted run', async () => {
    const full = await firstValueFrom(run(25).pipe(toArray()))
    const text = await checkpointAt(10)
    const resumed = await firstValueFrom(run(25, text).pipe(toArray()))
    expect(resumed.map((s) => s.step)).toEqual(full.slice(10).map((s) => s.step))
    resumed.forEach((s, i) => {
      const reference = full[10 + i]!
      expect(s.loss).toBe(reference.loss)
      expect(Array.from(s.params.w.dataSync())).toEqual(Array.from(reference.params.w.dataSync()))
      expect(serializeCheckpoint(s)).toBe(serializeCheckpoint(reference))
    })
  })

  it('writes at every n-th step and passes every snapshot on', async () => {
    const steps: number[] = []
    const seen = await firstValueFrom(
      run(7).pipe(
        checkpoint((_, s) => void steps.push(s.step), { everySteps: 3 }),
        toArray(),
      ),
    )
    expect(steps).toEqual([3, 6])
    expect(seen.length).toBe(7)
  })

  it('stops a synchronous source as soon as downstream stops', async () => {
    let emitted = 0
    const source$ = range(1, 100).pipe(map((step) => (emitted++, { step, params: {}, optimizer: {} })))
    await firstValueFrom(
      source$.pipe(
        checkpoint(() => undefined, { everySteps: 1 }),
        take(3),
        toArray(),
      ),
    )
    expect(emitted).toBe(3)
  })

  it('reports a failed asynchronous write as an error notification, even after the run', async () => {
    const write = () => Promise.reject(new Error('disk full'))
    await expect(firstValueFrom(run(4).pipe(checkpoint(write, { everySteps: 2 }), toArray()))).rejects.toThrow(
      'disk full',
    )
  })

  it('completes only once every asynchronous write has finished', async () => {
    const finished: number[] = []
    const write = (_: string, s: { step: number }) =>
      new Promise<void>((resolve) => setTimeout(() => resolve(void finished.push(s.step)), 5))
    await firstValueFrom(run(6).pipe(checkpoint(write, { everySteps: 3 }), toArray()))
    expect(finished).toEqual([3, 6])
  })

  it('round-trips NaN, infinities, -0 and every dtype exactly', () => {
    const state = {
      step: 4,
      params: { a: tensor([NaN, -0, Infinity, 1e-45]), b: tensor([1.5, -2], undefined, 'float64') },
      optimizer: { count: 4, power: NaN, flags: tensor([true, false]), ids: tensor([7, -8], undefined, 'int32') },
    }
    const back = parseCheckpoint<typeof state.params, typeof state.optimizer>(serializeCheckpoint(state))
    expect(Array.from(back.params.a.dataSync())).toEqual([NaN, -0, Infinity, Math.fround(1e-45)])
    expect(back.params.b.dtype).toBe('float64')
    expect(back.optimizer.power).toBeNaN()
    expect(back.optimizer.flags.toArray()).toEqual([true, false])
    expect(back.optimizer.ids.toArray()).toEqual([7, -8])
  })

  it('rejects truncated, corrupted, foreign and mismatched checkpoints', async () => {
    const text = await checkpointAt(4)
    expect(() => resume(text.slice(0, text.length - 20), model)).toThrow('resume: the checkpoint is not valid JSON')
    const tampered = text.replace('"step":4', '"step":5')
    expect(() => resume(tampered, model)).toThrow(
      'resume: the checkpoint is corrupted: its checksum does not match its contents',
    )
    expect(() => resume(JSON.stringify({ format: 'other' }), model)).toThrow(
      'resume: not a gradstream checkpoint (format is "other")',
    )
    expect(() => resume(text.replace('"version":3', '"version":4'), model)).toThrow(
      'resume: checkpoint version 4 is not supported (this version reads 1 to 3)',
    )
    expect(() => resume(text, { ...model, params: { w: tensor([[1], [2], [3]]) } })).toThrow(
      'resume: params.w has shape [2, 1], expected [3, 1]',
    )
    expect(() => resume(text, { ...model, params: { v: tensor([[1], [2]]) } })).toThrow('resume: params.v is missing')
  })

  it('rejects a checkpoint past the end of the run', async () => {
    const text = await checkpointAt(10)
    await expect(firstValueFrom(run(5, text))).rejects.toThrow(
      "fit: the checkpoint is at step 10, past the run's 5 steps",
    )
  })
})
