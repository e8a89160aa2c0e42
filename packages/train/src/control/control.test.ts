import { valueAndGrad } from '@gradstream/autodiff'
import { exponentialMovingAverage } from '@gradstream/ema'
import { adam, applyUpdates, injectHyperparams, multiTransform, sgd } from '@gradstream/optimizers'
import type { AdamState } from '@gradstream/optimizers'
import { add, matMul, mean, square, sub, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { BehaviorSubject, Subject, firstValueFrom, of, tap, throwError, toArray } from 'rxjs'
import type { Observable } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { serializeCheckpoint } from '../checkpoint/format'
import { fit } from '../fit'
import type { FitOptions } from '../fit'
import type { Snapshot } from '../snapshot'
import { checkpointTextAt } from '../testing/checkpointTextAt'
import { linearProblem } from '../testing/linearProblem'
import type { LearningRateState } from './learningRateState'
import type { StateEdit } from './stateEdit'
import { StateEditError } from './stateEditError'

const { x, y, params, loss } = linearProblem()
type P = typeof params
type AdamRun = LearningRateState<AdamState>
type Edit = StateEdit<P, AdamRun>
const data = { x, y }
const batching = { batchSize: 4 }

/** The tests' linear problem with adam given as a function of the rate 0.1, for `steps` steps. */
const adamRun = (steps: number, extra: Partial<FitOptions<P, AdamRun>> = {}) =>
  fit({ params, loss, optimizer: adam, learningRate: 0.1, data, steps, batching, ...extra })

/** Every snapshot of `run$`, with `edit` sent to `control$` by a subscriber when the snapshot of `step` arrives. */
async function editedAt<T extends Snapshot>(
  run$: Observable<T>,
  control$: Subject<never>,
  step: number,
  edit: unknown,
): Promise<T[]> {
  return firstValueFrom(
    run$.pipe(
      tap((s) => {
        if (s.step === step) control$.next(edit as never)
      }),
      toArray(),
    ),
  )
}

/** The batches `fit` walks for the linear problem with batches of 4, in order. */
const batchAt = (step: number) => {
  const start = ((step - 1) * 4) % 16
  const rows = (t: Tensor) => tensor((t.toArray() as number[][]).slice(start, start + 4))
  return { x: rows(x), y: rows(y) }
}

const sameBits = (a: Tensor, b: Tensor) => {
  const [left, right] = [a.dataSync(), b.dataSync()]
  return left.length === right.length && left.every((v, i) => Object.is(v, right[i]))
}

describe('control: recipes that edit a run between two steps', () => {
  it('halves the learning rate from a subscriber, from the next step on, as adam at the new rate would', async () => {
    const control$ = new Subject<never>()
    const halve: Edit = (draft) => {
      draft.optimizer.hyperparams.learningRate /= 2
    }
    const snapshots = await editedAt(adamRun(6, { control: control$ }), control$, 3, halve)
    expect(snapshots.map((s) => s.learningRate)).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05])
    // The plain loop: adam(0.1) for three steps, then adam(0.05) continuing the same moments.
    const gradient = valueAndGrad((p: P, batch: { x: Tensor; y: Tensor }) => loss(p, batch))
    let p = params
    let state = adam(0.1).init(p)
    for (let step = 1; step <= 6; step++) {
      const { grads } = gradient(p, batchAt(step))
      const result = adam(step <= 3 ? 0.1 : 0.05).update(grads, state, p)
      state = result.state
      p = applyUpdates(p, result.updates) as P
      expect(sameBits(snapshots[step - 1]!.params.w, p.w)).toBe(true)
    }
    // The snapshot the edit was sent from is not changed by it.
    expect(snapshots[2]!.optimizer.hyperparams.learningRate).toBe(0.1)
  })

  it('applies recipes that arrive before the first step to the run start, optimizer state included', async () => {
    const slower: Edit = (draft) => {
      draft.optimizer.hyperparams.learningRate = 0.02
    }
    const snapshots = await firstValueFrom(adamRun(2, { control: of(slower) }).pipe(toArray()))
    expect(snapshots.map((s) => s.learningRate)).toEqual([0.02, 0.02])
    const direct = await firstValueFrom(adamRun(2, { learningRate: 0.02 }).pipe(toArray()))
    expect(snapshots.map((s) => serializeCheckpoint(s))).toEqual(direct.map((s) => serializeCheckpoint(s)))
  })

  it('freezes a layer by setting its own rate to 0, so its params stay the very same objects', async () => {
    const twoLayers = { first: { w: tensor([[0.5], [-0.5]]) }, second: { w: tensor([[0.1], [0.1]]) } }
    type Two = typeof twoLayers
    const twoLoss = (p: Two, batch: { readonly x: Tensor; readonly y: Tensor }) =>
      mean(square(sub(add(matMul(batch.x, p.first.w), matMul(batch.x, p.second.w)), batch.y)))
    // Any numeric option becomes editable state through injectHyperparams: here one rate per layer.
    const optimizer = injectHyperparams(
      ({ first, second }) =>
        multiTransform({ first: sgd(first), second: sgd(second) }, { first: 'first', second: 'second' }),
      { first: 0.1, second: 0.1 },
    )
    const control$ = new Subject<never>()
    const run$ = fit({ params: twoLayers, loss: twoLoss, optimizer, data, steps: 5, batching, control: control$ })
    const freezeFirst: StateEdit<Two, ReturnType<typeof optimizer.init>> = (draft) => {
      draft.optimizer.hyperparams.first = 0
    }
    const snapshots = await editedAt(run$, control$, 2, freezeFirst)
    expect(snapshots[1]!.params.first).not.toBe(snapshots[0]!.params.first)
    for (const s of snapshots.slice(2)) {
      expect(s.params.first).toBe(snapshots[1]!.params.first)
      expect(s.params.second).not.toBe(snapshots[1]!.params.second)
    }
  })

  it('resets a layer to chosen values, and the run continues from them', async () => {
    const control$ = new Subject<never>()
    const reset: Edit = (draft) => {
      draft.params.w = tensor([[0.5], [-0.5]])
    }
    const snapshots = await editedAt(adamRun(4, { control: control$ }), control$, 2, reset)
    const { value } = valueAndGrad((p: P) => loss(p, batchAt(3)))(params)
    expect(snapshots[2]!.loss).toBe(value.item())
  })

  it("resets Adam's moments: the next step is a first step of a fresh adam from the current params", async () => {
    const control$ = new Subject<never>()
    const freshMoments: Edit = (draft) => {
      // adam's state for the current params, as init makes it: zero moments, count 0, β powers at β
      const [moments] = adam(0.1).init(draft.params)
      draft.optimizer.inner[0] = moments
    }
    const snapshots = await editedAt(adamRun(3, { control: control$ }), control$, 2, freshMoments)
    const after2 = snapshots[1]!.params
    const { grads } = valueAndGrad((p: P) => loss(p, batchAt(3)))(after2)
    const fresh = adam(0.1)
    const { updates, state } = fresh.update(grads, fresh.init(after2), after2)
    expect(sameBits(snapshots[2]!.params.w, applyUpdates(after2, updates).w)).toBe(true)
    expect(serializeCheckpoint({ step: 0, params: {}, optimizer: snapshots[2]!.optimizer.inner })).toBe(
      serializeCheckpoint({ step: 0, params: {}, optimizer: state }),
    )
  })

  it('swaps the moving average into the params', async () => {
    const control$ = new Subject<never>()
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const swap: Edit = (draft) => {
      draft.params = draft.ema!
    }
    const snapshots = await editedAt(adamRun(4, { control: control$, ema }), control$, 3, swap)
    const { value } = valueAndGrad((p: P) => loss(p, batchAt(4)))(snapshots[2]!.ema!)
    expect(snapshots[3]!.loss).toBe(value.item())
  })

  it('edited at step k equals, bit for bit, a run resumed from the checkpoint of step k edited by the same recipe', async () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const recipe: Edit = (draft) => {
      draft.optimizer.hyperparams.learningRate *= 0.25
      draft.params.w = draft.ema!.w
    }
    const control$ = new Subject<never>()
    const edited = await editedAt(adamRun(8, { control: control$, ema }), control$, 4, recipe)
    const text = await checkpointTextAt(adamRun(4, { ema }), 4)
    const resumed = await firstValueFrom(adamRun(8, { ema, resumeFrom: text, control: of(recipe) }).pipe(toArray()))
    expect(resumed.map((s) => s.step)).toEqual([5, 6, 7, 8])
    expect(resumed.map((s) => serializeCheckpoint(s))).toEqual(edited.slice(4).map((s) => serializeCheckpoint(s)))
    expect(resumed.map((s) => s.loss)).toEqual(edited.slice(4).map((s) => s.loss))
  })

  it('carries an edited rate through a checkpoint: a resumed run continues at the rate its state holds', async () => {
    const control$ = new Subject<never>()
    const edited = await editedAt(
      adamRun(3, { control: control$ }),
      control$,
      1,
      ((draft) => void (draft.optimizer.hyperparams.learningRate = 0.03)) satisfies Edit,
    )
    const text = serializeCheckpoint(edited[2]!)
    const resumed = await firstValueFrom(adamRun(5, { resumeFrom: text }).pipe(toArray()))
    expect(resumed.map((s) => s.learningRate)).toEqual([0.03, 0.03])
  })

  it('lets a schedule write its rate before every step, over an edit', async () => {
    const control$ = new Subject<never>()
    const run$ = fit({
      params,
      loss,
      optimizer: sgd,
      learningRate: (step: number) => 0.1 / (1 + step),
      data,
      steps: 3,
      batching,
      control: control$,
    })
    const snapshots = await editedAt(
      run$,
      control$,
      1,
      (draft: { optimizer: { hyperparams: { learningRate: number } } }) => {
        draft.optimizer.hyperparams.learningRate = 5
      },
    )
    expect(snapshots.map((s) => s.learningRate)).toEqual([0.1, 0.1 / 2, 0.1 / 3])
  })

  it("keeps an edit over a stream's rate until the stream emits again", async () => {
    const rate$ = new BehaviorSubject(0.1)
    const control$ = new Subject<never>()
    const run$ = fit({ params, loss, optimizer: sgd, learningRate: rate$, data, steps: 5, batching, control: control$ })
    const snapshots = await firstValueFrom(
      run$.pipe(
        tap((s) => {
          if (s.step === 1)
            control$.next(
              ((d) => void (d.optimizer.hyperparams.learningRate = 0.5)) satisfies StateEdit<
                P,
                LearningRateState<unknown>
              > as never,
            )
          if (s.step === 3) rate$.next(0.2)
        }),
        toArray(),
      ),
    )
    expect(snapshots.map((s) => s.learningRate)).toEqual([0.1, 0.5, 0.5, 0.2, 0.2])
  })

  it('reads a schedule at each step and builds the optimizer at the first, so their failures come at the step', () => {
    const seen: number[] = []
    let error: unknown
    const schedule = (step: number) => (step < 2 ? 0.1 : NaN)
    const run$ = fit({ params, loss, optimizer: sgd, learningRate: schedule, data, steps: 4, batching })
    run$.subscribe({ next: (s) => seen.push(s.step), error: (e: unknown) => (error = e) })
    expect(seen).toEqual([1, 2])
    expect((error as Error).message).toBe(
      'train: the learningRate from the schedule at step 2 must be a finite number >= 0, got NaN',
    )
    const failing = (rate: number) => adam(rate, { beta1: 2 })
    const built$ = fit({ params, loss, optimizer: failing, learningRate: 0.1, data, steps: 4, batching })
    expect(() => built$.subscribe({ error: (e: unknown) => (error = e) })).not.toThrow()
    expect((error as Error).message).toMatch(/^adam: beta1 must be/)
  })

  it('subscribes to control once per run and lets go of it when the run ends', async () => {
    const control$ = new Subject<never>()
    const run$ = adamRun(2, { control: control$ })
    await firstValueFrom(run$.pipe(toArray()))
    expect(control$.observed).toBe(false)
    await firstValueFrom(run$.pipe(toArray()))
    expect(control$.observed).toBe(false)
  })
})

describe('control: edits that fail end the run with a StateEditError naming the step', () => {
  /** The run's error, after the snapshots it emitted, when `edit` is sent at step 2. */
  async function failure(edit: unknown, run$ = (c: Subject<never>) => adamRun(4, { control: c })) {
    const control$ = new Subject<never>()
    const seen: number[] = []
    let error: unknown
    await new Promise<void>((done) =>
      run$(control$).subscribe({
        next: (s) => {
          seen.push(s.step)
          if (s.step === 2) control$.next(edit as never)
        },
        error: (e: unknown) => {
          error = e
          done()
        },
        complete: done,
      }),
    )
    expect(seen).toEqual([1, 2])
    expect(error).toBeInstanceOf(StateEditError)
    expect((error as StateEditError).step).toBe(3)
    return error as StateEditError
  }

  it('a recipe that throws, with the error as the cause', async () => {
    const boom = new Error('boom')
    const error = await failure(() => {
      throw boom
    })
    expect(error.message).toBe('train: the state edit before step 3 threw: boom')
    expect(error.cause).toBe(boom)
  })

  it('params of another shape, dtype or structure', async () => {
    const shaped = await failure(((d) => void (d.params.w = tensor([[1], [2], [3]]))) satisfies Edit)
    expect(shaped.message).toBe(
      'train: the state edit before step 3 changed the shape of params.w from [2, 1] to [3, 1]',
    )
    const typed = await failure(((d) => void (d.params.w = tensor([[1], [2]], [2, 1], 'int32'))) satisfies Edit)
    expect(typed.message).toBe(
      'train: the state edit before step 3 changed the dtype of params.w from float32 to int32',
    )
    const added = await failure((d: { params: Record<string, unknown> }) => void (d.params.v = tensor([1])))
    expect(added.message).toBe('train: the state edit before step 3 added params.v, which the state does not hold')
    const removed = await failure((d: { params: Record<string, unknown> }) => void delete d.params.w)
    expect(removed.message).toBe('train: the state edit before step 3 removed params.w')
  })

  it('a hyper-parameter that is not a finite number, a negative rate, a count that is not one', async () => {
    const nan = await failure(((d) => void (d.optimizer.hyperparams.learningRate = NaN)) satisfies Edit)
    expect(nan.message).toBe(
      'train: the state edit before step 3 set optimizer.hyperparams.learningRate to NaN; it must be a finite number',
    )
    const negative = await failure(((d) => void (d.optimizer.hyperparams.learningRate = -0.1)) satisfies Edit)
    expect(negative.message).toBe(
      'train: the state edit before step 3 set optimizer.hyperparams.learningRate to -0.1; a learning rate must be >= 0',
    )
    const count = await failure(((d) => void (d.optimizer.inner[0].count = 1.5)) satisfies Edit)
    expect(count.message).toBe(
      'train: the state edit before step 3 set optimizer.inner[0].count to 1.5; a count must be a non-negative integer',
    )
  })

  it('the step or the run key changed, a part added, something other than a recipe', async () => {
    const step = await failure(((d) => void (d.step = 0)) satisfies Edit)
    expect(step.message).toBe(
      'train: the state edit before step 3 changed step from 2 to 0; step counts the updates made and is not editable',
    )
    const part = await failure((d: Record<string, unknown>) => void (d.extra = 1))
    expect(part.message).toBe('train: the state edit before step 3 added extra, which the run does not keep')
    const notRecipe = await failure(42)
    expect(notRecipe.message).toBe(
      'train: the state edit before step 3 received 42 from control, expected a recipe (draft) => void',
    )
  })

  it('a control stream that fails', async () => {
    const broken = new Error('lost connection')
    let error: unknown
    const seen: number[] = []
    adamRun(3, { control: throwError(() => broken) }).subscribe({
      next: (s) => seen.push(s.step),
      error: (e: unknown) => (error = e),
    })
    expect(seen).toEqual([])
    expect(error).toBeInstanceOf(StateEditError)
    expect((error as Error).message).toBe(
      'train: the state edit before step 1 could not be read: the control stream failed: lost connection',
    )
  })

  it('refuses a control option that is not an Observable, when called', () => {
    expect(() => adamRun(3, { control: ((d: unknown) => d) as never })).toThrow(
      'fit: control must be an Observable of recipes (draft) => void, got a function',
    )
  })
})
