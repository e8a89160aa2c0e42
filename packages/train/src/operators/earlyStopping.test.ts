import { ConfigError } from '@gradstream/core'
import { meanSquaredError } from '@gradstream/losses'
import { adam } from '@gradstream/optimizers'
import { matMul, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { Subject, concat, firstValueFrom, from, of, throwError, toArray } from 'rxjs'
import type { Observable } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { fit } from '../fit'
import type { Snapshot } from '../snapshot'
import { linearProblem } from '../testing/linearProblem'
import { statefulProblem } from '../testing/statefulProblem'
import { earlyStopping } from './earlyStopping'
import { evaluate } from './evaluate'

const collect = <T>(source: Observable<T>) => firstValueFrom(source.pipe(toArray()))

type Fake = Snapshot<{ readonly w: Tensor }, unknown, { readonly mean: Tensor }>

/** A frozen snapshot with its own params, model state and EMA, evaluated when `evalLoss` is given. */
function fake(step: number, evalLoss?: number): Fake {
  return Object.freeze({
    step,
    params: Object.freeze({ w: tensor([step]) }),
    optimizer: Object.freeze({ count: step }),
    loss: 10 - step,
    losses: Object.freeze({ loss: 10 - step }),
    learningRate: 0.1,
    ema: Object.freeze({ w: tensor([step / 2]) }),
    modelState: Object.freeze({ mean: tensor([-step]) }),
    ...(evalLoss === undefined ? {} : { eval: Object.freeze({ loss: evalLoss, accuracy: 1 - evalLoss }) }),
  })
}

/** Evaluated snapshots at steps 1, 2, ... with these eval losses. */
const evaluated = (losses: readonly number[]) => losses.map((value, i) => fake(i + 1, value))
const stepsPassed = async (snapshots: readonly Fake[], options: Parameters<typeof earlyStopping>[0]) =>
  (await collect(from(snapshots).pipe(earlyStopping<Fake>(options)))).map((s) => s.step)

describe('earlyStopping', () => {
  it("ends the stream after patience evaluations without improvement, the stopping snapshot included (Keras's counting)", async () => {
    const losses = [1, 0.8, 0.85, 0.79, 0.8, 0.81, 0.7, 0.6]
    // 0.8 and 0.79 improve; 0.8 and 0.81 after 0.79 do not: the second of them ends it
    expect(await stepsPassed(evaluated(losses), { monitor: 'eval.loss', patience: 2 })).toEqual([1, 2, 3, 4, 5, 6])
    expect(await stepsPassed(evaluated(losses), { monitor: 'eval.loss', patience: 1 })).toEqual([1, 2, 3])
    expect(await stepsPassed(evaluated(losses), { monitor: 'eval.loss', patience: 9 })).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ])
  })

  it('counts an improvement only when it beats the best by more than minDelta', async () => {
    // 0.79 is better than 0.8, but by no more than 0.015: the wait goes on
    const losses = [1, 0.8, 0.85, 0.79, 0.7]
    expect(await stepsPassed(evaluated(losses), { monitor: 'eval.loss', patience: 2, minDelta: 0.015 })).toEqual([
      1, 2, 3, 4,
    ])
    // equal to the best is no improvement
    expect(await stepsPassed(evaluated([0.5, 0.5, 0.4]), { monitor: 'eval.loss', patience: 1 })).toEqual([1, 2])
  })

  it("watches for increases in 'max' mode", async () => {
    const snapshots = evaluated([0.9, 0.7, 0.6, 0.75, 0.8, 0.7]) // accuracy = 1 - loss: 0.1, 0.3, 0.4, 0.25, 0.2
    expect(await stepsPassed(snapshots, { monitor: 'eval.accuracy', mode: 'max', patience: 2 })).toEqual([
      1, 2, 3, 4, 5,
    ])
    expect(await stepsPassed(snapshots, { monitor: 'eval.loss', mode: 'max', patience: 2 })).toEqual([1, 2, 3])
  })

  it('never counts a NaN as an improvement', async () => {
    expect(await stepsPassed(evaluated([1, NaN, 0.5, NaN, NaN]), { monitor: 'eval.loss', patience: 2 })).toEqual([
      1, 2, 3, 4, 5,
    ])
    expect(await stepsPassed(evaluated([NaN, NaN, 3]), { monitor: 'eval.loss', patience: 2 })).toEqual([1, 2])
  })

  it('passes snapshots without the monitored value through, uncounted', async () => {
    const snapshots = [fake(1), fake(2, 1), fake(3), fake(4, 2), fake(5), fake(6), fake(7, 3), fake(8), fake(9, 0)]
    const passed = await collect(from(snapshots).pipe(earlyStopping<Fake>({ monitor: 'eval.loss', patience: 2 })))
    expect(passed).toEqual(snapshots.slice(0, 7))
    passed.forEach((s, i) => expect(s).toBe(snapshots[i]))
  })

  it('monitors the training loss without evaluation, and stops the training computation (no step after the stop)', async () => {
    const { x, y, params, loss } = linearProblem()
    let lossCalls = 0
    const counting: typeof loss = (p, batch) => {
      lossCalls++
      return loss(p, batch)
    }
    const run$ = fit({ params, loss: counting, optimizer: adam, learningRate: 0.01, data: { x, y }, steps: 1000 })
    // the loss falls at every step, so in 'max' mode step 1 stays the best and step 4 is the third without improvement
    const snapshots = await collect(run$.pipe(earlyStopping({ monitor: 'loss', mode: 'max', patience: 3 })))
    expect(snapshots.map((s) => s.step)).toEqual([1, 2, 3, 4])
    expect(lossCalls).toBe(4)
  })

  it('stops a run after evaluate at the evaluation that ends the patience, with no step computed after it', async () => {
    const { x, y, params, loss } = linearProblem()
    let lossCalls = 0
    const counting: typeof loss = (p, batch) => {
      lossCalls++
      return loss(p, batch)
    }
    const run$ = fit({
      params,
      loss: counting,
      optimizer: adam,
      learningRate: 0.01,
      data: { x, y },
      epochs: 50,
      batching: { batchSize: 4 },
    })
    const snapshots = await collect(
      run$.pipe(
        evaluate({ data: { x, y }, predict: (p, rows) => matMul(rows, p.w), loss: meanSquaredError }),
        // the validation loss falls every epoch: in 'max' mode epochs 2 and 3 do not improve on epoch 1
        earlyStopping({ monitor: 'eval.loss', mode: 'max', patience: 2 }),
      ),
    )
    expect(snapshots.at(-1)!.step).toBe(12)
    expect(snapshots.at(-1)!.epoch).toBe(3)
    expect(lossCalls).toBe(12)
  })

  it('unsubscribes from an asynchronous source when it stops', async () => {
    const source = new Subject<Fake>()
    const passed: number[] = []
    const done = new Promise<void>((resolve) =>
      source.pipe(earlyStopping<Fake>({ monitor: 'eval.loss', patience: 1 })).subscribe({
        next: (s) => passed.push(s.step),
        complete: resolve,
      }),
    )
    evaluated([1, 2]).forEach((s) => source.next(s))
    await done
    expect(source.observed).toBe(false)
    expect(passed).toEqual([1, 2])
  })
})

describe('earlyStopping with restoreBest', () => {
  it("makes the stopping snapshot carry the best snapshot's params, model state and EMA, and nothing else of it", async () => {
    const snapshots = evaluated([3, 1, 2, 2.5, 0.5])
    const passed = await collect(
      from(snapshots).pipe(earlyStopping<Fake>({ monitor: 'eval.loss', patience: 2, restoreBest: true })),
    )
    expect(passed.map((s) => s.step)).toEqual([1, 2, 3, 4])
    passed.slice(0, 3).forEach((s, i) => expect(s).toBe(snapshots[i]))
    const [last, best, stopped] = [passed[3]!, snapshots[1]!, snapshots[3]!]
    expect(last.params).toBe(best.params)
    expect(last.modelState).toBe(best.modelState)
    expect(last.ema).toBe(best.ema)
    expect(last.step).toBe(4)
    expect(last.optimizer).toBe(stopped.optimizer)
    expect(last.eval).toBe(stopped.eval)
    expect(Object.isFrozen(last)).toBe(true)
    expect(Object.keys(last)).toEqual(Object.keys(stopped))
    // the user finds the best step by identity
    expect(passed.find((s) => s.params === last.params)!.step).toBe(2)
  })

  it('restores the best also when the source completes without an early stop, and leaves a best last snapshot as it is', async () => {
    const snapshots = evaluated([3, 1, 2])
    const passed = await collect(
      from(snapshots).pipe(earlyStopping<Fake>({ monitor: 'eval.loss', patience: 5, restoreBest: true })),
    )
    expect(passed).toHaveLength(3)
    expect(passed[2]!.params).toBe(snapshots[1]!.params)
    const improving = evaluated([3, 2, 1])
    const kept = await collect(
      from(improving).pipe(earlyStopping<Fake>({ monitor: 'eval.loss', patience: 5, restoreBest: true })),
    )
    kept.forEach((s, i) => expect(s).toBe(improving[i]))
  })

  it('holds each snapshot back until the next arrives, and emits the held one before an error', async () => {
    const source = new Subject<Fake>()
    const passed: number[] = []
    let failure: unknown
    source.pipe(earlyStopping<Fake>({ monitor: 'eval.loss', patience: 5, restoreBest: true })).subscribe({
      next: (s) => passed.push(s.step),
      error: (e: unknown) => (failure = e),
    })
    const [first, second] = evaluated([2, 1])
    source.next(first!)
    expect(passed).toEqual([])
    source.next(second!)
    expect(passed).toEqual([1])
    source.error(new Error('step 3 failed'))
    expect(passed).toEqual([1, 2])
    expect((failure as Error).message).toBe('step 3 failed')
    const failing = concat(
      of(fake(1, 1)),
      throwError(() => new Error('boom')),
    )
    await expect(
      collect(failing.pipe(earlyStopping<Fake>({ monitor: 'eval.loss', patience: 1, restoreBest: true }))),
    ).rejects.toThrow('boom')
  })

  it("restores a batch-norm model's best params and moving statistics in a real run", async () => {
    const problem = statefulProblem()
    const run$ = fit({
      params: problem.params,
      loss: problem.loss,
      modelState: problem.modelState,
      seed: 5,
      optimizer: adam,
      learningRate: 0.05,
      data: { x: problem.x, y: problem.y },
      epochs: 12,
      batching: { batchSize: 8 },
    })
    const snapshots = await collect(
      run$.pipe(
        evaluate({
          data: { x: problem.x, y: problem.y },
          predict: (p, rows, context) => problem.model.apply(p, rows, context).output,
          loss: meanSquaredError,
        }),
        earlyStopping({ monitor: 'eval.loss', patience: 2, restoreBest: true }),
      ),
    )
    const last = snapshots.at(-1)!
    const scored = snapshots.filter((s) => s.eval !== undefined)
    const best = scored.reduce((a, b) => (b.eval!.loss! < a.eval!.loss! ? b : a))
    expect(last.step).toBeLessThan(24) // stopped before the 12 epochs of 2 steps
    expect(best.step).toBeLessThan(last.step) // so the restore is seen
    expect(last.params).toBe(best.params)
    expect(last.modelState).toBe(best.modelState)
  })
})

describe('earlyStopping errors', () => {
  it('errors the stream naming the step when the monitored key is missing where its object is', async () => {
    await expect(stepsPassed([fake(1), fake(2, 1)], { monitor: 'eval.acc', patience: 1 })).rejects.toThrow(
      new ConfigError('earlyStopping', "monitor 'eval.acc' is not in eval of step 2, which has loss, accuracy"),
    )
    await expect(stepsPassed([fake(1)], { monitor: 'los', patience: 1 })).rejects.toThrow(
      "earlyStopping: monitor 'los' is not in the snapshot of step 1, which has step, params, optimizer, loss, losses, learningRate, ema, modelState",
    )
    await expect(stepsPassed([fake(1)], { monitor: 'losses', patience: 1 })).rejects.toThrow(
      new ConfigError('earlyStopping', "monitor 'losses' must be a number, got an object at step 1"),
    )
    await expect(stepsPassed([fake(1)], { monitor: 'loss.value', patience: 1 })).rejects.toThrow(
      new ConfigError('earlyStopping', "monitor 'loss.value' needs loss to be an object, got 9 at step 1"),
    )
  })

  it('refuses bad options', () => {
    // @ts-expect-error: not an option
    expect(() => earlyStopping({ monitor: 'eval.loss', patience: 2, min_delta: 0.1 })).toThrow(
      new ConfigError(
        'earlyStopping',
        "unknown option 'min_delta'; expected one of monitor, patience, minDelta, mode, restoreBest",
      ),
    )
    expect(() => earlyStopping({ monitor: 'eval.loss', patience: 0 })).toThrow(
      new ConfigError('earlyStopping', 'patience must be an integer >= 1, got 0'),
    )
    expect(() => earlyStopping({ monitor: 'eval.loss', patience: 2, minDelta: -0.1 })).toThrow(
      new ConfigError('earlyStopping', 'minDelta must be a finite number >= 0, got -0.1'),
    )
    // @ts-expect-error: 'min' or 'max'
    expect(() => earlyStopping({ monitor: 'eval.loss', patience: 2, mode: 'auto' })).toThrow(
      new ConfigError('earlyStopping', `mode must be one of 'min', 'max', got "auto"`),
    )
    // @ts-expect-error: a boolean
    expect(() => earlyStopping({ monitor: 'eval.loss', patience: 2, restoreBest: 1 })).toThrow(
      new ConfigError('earlyStopping', 'restoreBest must be a boolean, got 1'),
    )
    expect(() => earlyStopping({ monitor: 'eval.', patience: 2 })).toThrow(
      new ConfigError(
        'earlyStopping',
        `monitor must be a path of keys joined by dots, such as 'eval.loss' or 'loss', got "eval."`,
      ),
    )
    // @ts-expect-error: a path, not a function
    expect(() => earlyStopping({ monitor: (s: Fake) => s.loss, patience: 2 })).toThrow(
      new ConfigError('earlyStopping', 'monitor must be a string, got a function'),
    )
    // @ts-expect-error: the options are required
    expect(() => earlyStopping()).toThrow(new ConfigError('earlyStopping', 'options must be an object, got undefined'))
  })
})
