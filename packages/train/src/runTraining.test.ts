import { sgd } from '@gradstream/optimizers'
import { log, mean, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { config, last, map, pipe, take, tap, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { NonFiniteError, TrainStepError } from './errors'
import { fit } from './fit'
import { everySteps } from './operators/everySteps'
import { nanGuard } from './operators/nanGuard'
import { stopWhen } from './operators/stopWhen'
import { runTraining } from './runTraining'
import { linearProblem } from './testing/linearProblem'

const { x, y, params, loss } = linearProblem()

/** A long run whose loss function counts its calls: the steps actually computed. */
function countedRun(steps: number) {
  const counter = { calls: 0 }
  const run$ = fit({
    params,
    loss: (p: typeof params, batch: { x: Tensor; y: Tensor }) => {
      counter.calls++
      return loss(p, batch)
    },
    optimizer: sgd(0.1),
    data: { x, y },
    steps,
    batching: { batchSize: 4 },
  })
  return { run$, counter }
}

/** A run whose loss becomes NaN at step 2: a large step drives w below zero, where log is NaN. */
const nanRun = (steps: number) =>
  fit({
    params: { w: tensor([1]) },
    loss: ({ w }: { readonly w: Tensor }) => mean(log(w)),
    optimizer: sgd(5),
    data: { x: tensor([[0]]), y: tensor([[0]]) },
    steps,
    batching: { batchSize: 1 },
  })

describe('runTraining', () => {
  it('shows every branch the same snapshots of one run and resolves with how it ended', async () => {
    const { run$, counter } = countedRun(5)
    const seen: number[][] = [[], []]
    const ended = await runTraining(run$, [
      tap((s) => seen[0]!.push(s.step)),
      pipe(
        everySteps(2),
        tap((s) => seen[1]!.push(s.step)),
      ),
    ])
    expect(counter.calls).toBe(5)
    expect(seen).toEqual([
      [1, 2, 3, 4, 5],
      [2, 4],
    ])
    expect(ended.steps).toBe(5)
    expect(ended.last?.step).toBe(5)
    expect(ended.reachedEnd).toBe(true)
  })

  it('stops computing once every branch has completed', async () => {
    const { run$, counter } = countedRun(20000)
    const ended = await runTraining(run$, [stopWhen((s) => s.step === 10), take(3)])
    expect(counter.calls).toBe(10)
    expect(ended).toMatchObject({ steps: 10, reachedEnd: false })
    expect(ended.last?.step).toBe(10)
  })

  it('keeps computing while one branch still listens', async () => {
    const { run$, counter } = countedRun(30)
    await runTraining(run$, [stopWhen((s) => s.step === 10), pipe(last())])
    expect(counter.calls).toBe(30)
  })

  it('stops a run that yields to the event loop, too', async () => {
    const counter = { calls: 0 }
    const run$ = fit({
      params,
      loss: (p: typeof params, batch: { x: Tensor; y: Tensor }) => (counter.calls++, loss(p, batch)),
      optimizer: sgd(0.1),
      data: { x, y },
      steps: 20000,
      batching: { batchSize: 4, yieldEverySteps: 3 },
    })
    await runTraining(run$, [stopWhen((s) => s.step === 7)])
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(counter.calls).toBe(7)
  })

  it('rejects with the NonFiniteError of a nanGuard in a branch, stops, and leaves nothing unhandled', async () => {
    const unhandled: unknown[] = []
    config.onUnhandledError = (error) => unhandled.push(error)
    let steps = 0
    try {
      const ended = runTraining(nanRun(10000).pipe(tap(() => steps++)), [pipe(nanGuard(), everySteps(1)), toArray()])
      await expect(ended).rejects.toThrow(NonFiniteError)
      await expect(ended).rejects.toThrow("nanGuard: loss term 'loss' is NaN at step 2")
      await new Promise((resolve) => setTimeout(resolve, 10))
    } finally {
      config.onUnhandledError = null
    }
    expect(steps).toBe(2)
    expect(unhandled).toEqual([])
  })

  it('rejects with the error of a failing step or a failing branch', async () => {
    const failing = fit({
      params,
      loss: () => {
        throw new RangeError('bad batch')
      },
      optimizer: sgd(0.1),
      data: { x, y },
      steps: 3,
    })
    await expect(runTraining(failing, [last()])).rejects.toThrow(TrainStepError)
    const { run$, counter } = countedRun(100)
    const throwing = map((s: { step: number }) => {
      if (s.step === 4) throw new Error('logger failed')
      return s
    })
    await expect(runTraining(run$, [throwing, last()])).rejects.toThrow('logger failed')
    expect(counter.calls).toBe(4)
  })

  it('takes a branch that returns a promise', async () => {
    const { run$ } = countedRun(3)
    const steps: number[] = []
    const untilDone = (step$: typeof run$) =>
      new Promise<void>((resolve, reject) =>
        step$.subscribe({ next: (s) => steps.push(s.step), error: reject, complete: resolve }),
      )
    await runTraining(run$, [untilDone])
    expect(steps).toEqual([1, 2, 3])
  })

  it('refuses bad arguments with a ConfigError', () => {
    const { run$ } = countedRun(1)
    expect(() => runTraining({} as never, [last()])).toThrow('runTraining: run$ must be an Observable, got an object')
    expect(() => runTraining(run$, [])).toThrow(
      'runTraining: branches must be a non-empty array of functions, got an array',
    )
    expect(() => runTraining(run$, [last(), 5 as never])).toThrow('runTraining: branches[1] must be a function, got 5')
  })
})
