import { CheckpointError } from '@gradstream/core'
import { exponentialMovingAverage } from '@gradstream/ema'
import { adam } from '@gradstream/optimizers'
import { randomKey } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { firstValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { fit } from '../fit'
import type { FitOptions } from '../fit'
import { checkpointTextAt } from '../testing/checkpointTextAt'
import { storedCheckpoint } from './fixtures/storedCheckpoints'
import { editedCheckpoint, expectResumeRefused } from '../testing/checkpointEdits'
import { linearProblem } from '../testing/linearProblem'
import { statefulProblem } from '../testing/statefulProblem'
import { parseCheckpoint, serializeCheckpoint } from './format'
import { resume } from './resume'

const { x, y, params, modelState, loss } = statefulProblem()
const model = { params, modelState, seed: 7, optimizer: adam, learningRate: 0.01 }
type Options = FitOptions<typeof params, unknown, typeof modelState, { readonly predictions: Tensor }>
const run = (extra: Partial<Options> = {}) =>
  fit({
    ...model,
    loss,
    data: { x, y },
    epochs: 2,
    batching: { batchSize: 4, order: 'shuffle', seed: 3 },
    ...extra,
  } as Options)

const full = await firstValueFrom(run().pipe(toArray()))
const text = await checkpointTextAt(run({ epochs: undefined, steps: 3 }), 3)

const edited = (checkpointText: string, edit: (state: Record<string, unknown>) => void): string =>
  editedCheckpoint(checkpointText, edit)
const refused = (checkpointText: string, message: string, run: object = model): void =>
  expectResumeRefused(checkpointText, message, run as typeof model)

describe('checkpoints of a run with batch norm and dropout', () => {
  it('store the model state and the run key (version 2 added them; version 3 is written now)', () => {
    const document = JSON.parse(text) as { version: number; state: { runKey: unknown; modelState: object } }
    expect(document.version).toBe(3)
    expect(document.state.runKey).toEqual([0, 7])
    expect(Object.keys(document.state.modelState)).toEqual(['norm', 'drop'])
    const state = parseCheckpoint<typeof params, unknown, typeof modelState>(text)
    expect(state.runKey).toEqual(randomKey(7))
    expect(state.modelState!.norm.movingVariance.toArray()).toEqual(full[2]!.modelState!.norm.movingVariance.toArray())
  })

  it('resume bit for bit: 3 steps, a checkpoint and 5 more steps equal 8 steps', async () => {
    const resumed = await firstValueFrom(run({ resumeFrom: text }).pipe(toArray()))
    expect(resumed.map((s) => s.step)).toEqual([4, 5, 6, 7, 8])
    resumed.forEach((s, i) => {
      expect(serializeCheckpoint(s)).toBe(serializeCheckpoint(full[3 + i]!))
      expect(s.aux!.predictions.toArray()).toEqual(full[3 + i]!.aux!.predictions.toArray())
      expect([s.epoch, s.stepInEpoch, s.epochEnd]).toEqual([
        full[3 + i]!.epoch,
        full[3 + i]!.stepInEpoch,
        full[3 + i]!.epochEnd,
      ])
    })
  })

  it('are refused with a model state of another form, another key or no seed', () => {
    refused(
      edited(text, (state) => ((state.modelState as { norm: { movingMean: unknown } }).norm.movingMean = 1)),
      'modelState.norm.movingMean is a number, expected a float32 tensor of shape [4]',
    )
    refused(
      edited(text, (state) => Reflect.deleteProperty(state.modelState as object, 'drop')),
      'modelState.drop is missing',
    )
    refused(
      edited(text, (state) => (state.runKey = [0, -7])),
      'runKey is not a random key [high, low] of two uint32 words',
    )
    refused(
      edited(text, (state) => (state.runKey = 'key')),
      'runKey is not a random key [high, low] of two uint32 words',
    )
    refused(text, "the checkpoint's runKey [0, 7] is not the run's: seed 8 gives [0, 8]", { ...model, seed: 8 })
    const { seed: _, ...withoutSeed } = model
    refused(
      text,
      'the checkpoint holds a runKey [0, 7], but the run has no seed; pass the seed the run was started with',
      withoutSeed,
    )
  })

  it('are refused without the model state the run has, unless the run resets it', () => {
    const withoutState = edited(text, (state) => Reflect.deleteProperty(state, 'modelState'))
    refused(
      withoutState,
      "the checkpoint holds no modelState, but the run has one; pass reset: ['modelState'] to start from the run's",
    )
    expect(resume(withoutState, { ...model, reset: ['modelState'] }).modelState).toBeUndefined()
    const { modelState: _, ...withoutModelState } = model
    refused(
      text,
      "the checkpoint holds a modelState, but the run has none; pass reset: ['modelState'] to drop it",
      withoutModelState,
    )
  })

  it('starts the model state afresh from the run\'s with reset: ["modelState"]', async () => {
    const given: unknown[] = []
    const recording: typeof loss = (p, batch, context) => {
      given.push(context.state)
      return loss(p, batch, context)
    }
    const [first] = await firstValueFrom(
      run({ loss: recording, resumeFrom: text, reset: ['modelState'] }).pipe(toArray()),
    )
    expect(first!.step).toBe(4)
    expect(given[0]).toBe(modelState)
  })

  it('refuse a version 1 document that holds a model state', () => {
    const relabelled = text.replace('"version":3', '"version":1')
    expect(() => parseCheckpoint(relabelled)).toThrow(
      new CheckpointError('parseCheckpoint', 'a version 1 checkpoint holds no modelState or runKey; version 2 does'),
    )
  })
})

describe('version 1 checkpoints, written before runs had model state and keys', () => {
  const plain = linearProblem()
  const plainRun = (extra: object) =>
    fit({
      params: plain.params,
      loss: plain.loss,
      optimizer: adam,
      learningRate: 0.01,
      data: { x: plain.x, y: plain.y },
      ...extra,
    } as FitOptions<typeof plain.params, unknown>)

  it('resume in a run that now has a seed, to the numbers the version that wrote them computed', async () => {
    const stored = storedCheckpoint('version1-adam-ema')
    const options = { ema: exponentialMovingAverage({ decay: 0.9 }), batching: { batchSize: 4 }, steps: 6 }
    const resumed = await firstValueFrom(
      plainRun({ ...options, seed: 3, resumeFrom: stored.checkpoint }).pipe(toArray()),
    )
    expect(resumed.map((s) => s.runKey)).toEqual([randomKey(3), randomKey(3), randomKey(3)])
    expect(resumed.map((s) => [s.step, s.loss, s.learningRate, [Array.from(s.params.w.dataSync())]])).toEqual(
      stored.after.map((s) => [s.step, s.loss, s.learningRate, s.params]),
    )
  })
})
