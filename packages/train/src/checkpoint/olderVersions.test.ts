import { exponentialMovingAverage } from '@gradstream/ema'
import { adam, sgd } from '@gradstream/optimizers'
import { treeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { BehaviorSubject, firstValueFrom, toArray } from 'rxjs'
import type { Observable } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { fit } from '../fit'
import type { Snapshot } from '../snapshot'
import { linearProblem } from '../testing/linearProblem'
import { statefulProblem } from '../testing/statefulProblem'
import { storedCheckpoint } from './fixtures/storedCheckpoints'
import type { StoredCheckpoint } from './fixtures/storedCheckpoints'
import { parseCheckpoint } from './format'
import { resume } from './resume'

const plain = linearProblem()
const plainData = { x: plain.x, y: plain.y }

/** What a resumed run emitted, in the stored form: step, loss, rate and every leaf's values. */
async function numbersOf(run$: Observable<Snapshot>) {
  const snapshots = await firstValueFrom(run$.pipe(toArray()))
  return snapshots.map((s) => ({
    step: s.step,
    loss: s.loss,
    learningRate: s.learningRate,
    params: treeLeaves(s.params as Params).map((leaf) => Array.from(leaf.dataSync())),
  }))
}

describe('checkpoints written before the learning rate was in the optimizer state', () => {
  it('version 1, adam as a function of a fixed rate, with an average: resumes to the same numbers', async () => {
    const stored: StoredCheckpoint = storedCheckpoint('version1-adam-ema')
    const run$ = fit({
      params: plain.params,
      loss: plain.loss,
      optimizer: adam,
      learningRate: 0.01,
      ema: exponentialMovingAverage({ decay: 0.9 }),
      data: plainData,
      steps: 6,
      batching: { batchSize: 4 },
      resumeFrom: stored.checkpoint,
    })
    expect(await numbersOf(run$ as Observable<Snapshot>)).toEqual(stored.after)
  })

  it('version 1, sgd with a schedule: resumes to the same numbers, the rate read at each step', async () => {
    const stored = storedCheckpoint('version1-sgd-schedule')
    const run$ = fit({
      params: plain.params,
      loss: plain.loss,
      optimizer: sgd,
      learningRate: (step: number) => 0.5 / (1 + step),
      data: plainData,
      steps: 6,
      batching: { batchSize: 4 },
      resumeFrom: stored.checkpoint,
    })
    expect(await numbersOf(run$ as Observable<Snapshot>)).toEqual(stored.after)
  })

  it('version 2, batch norm and dropout with a run key: resumes to the same numbers', async () => {
    const stored = storedCheckpoint('version2-adam-batchnorm-dropout')
    const stateful = statefulProblem()
    const run$ = fit({
      params: stateful.params,
      modelState: stateful.modelState,
      seed: 7,
      loss: stateful.loss,
      optimizer: adam,
      learningRate: 0.01,
      data: { x: stateful.x, y: stateful.y },
      steps: 8,
      batching: { batchSize: 4, order: 'shuffle', seed: 3 },
      resumeFrom: stored.checkpoint,
    })
    expect(await numbersOf(run$ as Observable<Snapshot>)).toEqual(stored.after)
  })

  it("wraps the stored state for the run: count at the step, the run's rate, the old state inside", () => {
    const { checkpoint } = storedCheckpoint('version1-adam-ema')
    const run = {
      params: plain.params,
      optimizer: adam,
      learningRate: new BehaviorSubject(0.3),
      ema: exponentialMovingAverage({ decay: 0.9 }),
    }
    const state = resume(checkpoint, run)
    const stored = parseCheckpoint(checkpoint)
    expect(state.optimizer).toEqual({ count: 3, hyperparams: { learningRate: 0 }, inner: stored.optimizer })
    // A stream's rate is not known until the run subscribes: 0 stands in, and its value is written before step 4.
    const fixed = resume(checkpoint, { ...run, learningRate: 0.01 })
    expect(fixed.optimizer).toEqual({ count: 3, hyperparams: { learningRate: 0.01 }, inner: stored.optimizer })
  })

  it('leaves the stored state as it is for a finished transformation, and without the run', () => {
    const { checkpoint } = storedCheckpoint('version1-sgd-schedule')
    const stored = parseCheckpoint(checkpoint)
    expect(stored.optimizer).toEqual([{ count: 3 }])
    expect(resume(checkpoint, { params: plain.params, optimizer: sgd(0.1) }).optimizer).toEqual([{ count: 3 }])
  })
})
