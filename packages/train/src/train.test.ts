import { valueAndGrad } from '@gradstream/autodiff'
import { exponentialMovingAverage } from '@gradstream/ema'
import { adam, applyUpdates, sgd } from '@gradstream/optimizers'
import { add, mul, sum, Tensor, tensor } from '@gradstream/tensor'
import { BehaviorSubject, config, connectable, firstValueFrom, last, take, tap, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { batches } from './batches'
import { TrainStepError } from './errors'
import { fit } from './fit'
import { linearProblem } from './testing/linearProblem'
import { train } from './train'

const { x, y, params, loss } = linearProblem()
const data$ = batches(x, y, { batchSize: 4 })

/** Where in `value` a plain object, array or tensor is not frozen. */
function unfrozenPaths(value: unknown, path: string): string[] {
  if (value instanceof Tensor) return Object.isFrozen(value) ? [] : [path]
  if (value === null || typeof value !== 'object') return []
  const parts = Object.entries(value).flatMap(([key, part]) => unfrozenPaths(part, `${path}.${key}`))
  return Object.isFrozen(value) ? parts : [path, ...parts]
}

describe('train', () => {
  it('matches a plain loop of valueAndGrad, update and applyUpdates, step for step', async () => {
    const snapshots = await firstValueFrom(
      data$.pipe(take(20), train({ params, loss, optimizer: adam, learningRate: 0.01 }), toArray()),
    )
    const optimizer = adam(0.01)
    let p: typeof params = params
    let state = optimizer.init(p)
    for (let i = 0; i < 20; i++) {
      const start = (i * 4) % 16
      const batch = { x: x.toArray() as number[][], y: y.toArray() as number[][] }
      const b = { x: tensor(batch.x.slice(start, start + 4)), y: tensor(batch.y.slice(start, start + 4)) }
      const { value, grads } = valueAndGrad((q: typeof params) => loss(q, b))(p)
      const result = optimizer.update(grads, state, p)
      state = result.state
      p = applyUpdates(p, result.updates) as typeof params
      expect(snapshots[i]!.step).toBe(i + 1)
      expect(snapshots[i]!.loss).toBe(value.item())
      expect(snapshots[i]!.params.w.toArray()).toEqual(p.w.toArray())
    }
    expect(snapshots[19]!.learningRate).toBe(0.01)
  })

  it('emits frozen snapshots that subscribers cannot change', async () => {
    const [first] = await firstValueFrom(data$.pipe(take(1), train({ params, loss, optimizer: sgd(0.1) }), toArray()))
    expect(Object.isFrozen(first)).toBe(true)
    expect(Object.isFrozen(first!.params)).toBe(true)
    expect(Object.isFrozen(first!.losses)).toBe(true)
    expect(() => {
      ;(first as { step: number }).step = 99
    }).toThrow(TypeError)
    expect(Number.isNaN(first!.learningRate)).toBe(true)
  })

  it('hands out tensors no subscriber can redefine, so later steps see the true values', async () => {
    const run$ = data$.pipe(take(3), train({ params, loss, optimizer: sgd(0.1) }))
    const refused: unknown[] = []
    const tamper = (s: { params: { w: Tensor } }): void => {
      for (const key of ['shape', 'dataSync']) {
        try {
          Object.defineProperty(s.params.w, key, { value: () => [0] })
        } catch (error) {
          refused.push(error)
        }
      }
    }
    const tampered = await firstValueFrom(run$.pipe(tap(tamper), toArray()))
    const clean = await firstValueFrom(run$.pipe(toArray()))
    expect(refused.length).toBe(6)
    expect(refused.every((error) => error instanceof TypeError)).toBe(true)
    expect(tampered.map((s) => s.params.w.toArray())).toEqual(clean.map((s) => s.params.w.toArray()))
  })

  it('keeps every snapshot deep-frozen, optimizer state, moving average and gradients included', async () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const snapshots = await firstValueFrom(
      data$.pipe(
        take(3),
        train({ params, loss, optimizer: adam, learningRate: 0.01, ema, keepGrads: true }),
        toArray(),
      ),
    )
    expect(snapshots.map((s) => Object.keys(s).sort())).toEqual(
      Array(3).fill(['ema', 'grads', 'learningRate', 'loss', 'losses', 'optimizer', 'params', 'step']),
    )
    expect(snapshots.flatMap((s) => unfrozenPaths(s, `step ${s.step}`))).toEqual([])
  })

  it('shares unchanged subtrees with the previous snapshot', async () => {
    const withFrozen = { w: params.w, frozen: { b: tensor([1, 2]) } }
    const lossOfW = (p: typeof withFrozen, batch: { x: Tensor; y: Tensor }) => loss(p, batch)
    const [a, b] = await firstValueFrom(
      data$.pipe(take(2), train({ params: withFrozen, loss: lossOfW, optimizer: adam, learningRate: 0.1 }), toArray()),
    )
    expect(b!.params.frozen).toBe(a!.params.frozen)
    expect(Object.isFrozen(a!.params.frozen)).toBe(true)
    expect(b!.params.w).not.toBe(a!.params.w)
    expect(b!.params).not.toBe(a!.params)
  })

  it('sums named loss terms for the gradient and reports each', async () => {
    const penalty = (w: Tensor) => mul(sum(mul(w, w)), 0.5)
    const terms = (p: typeof params, batch: { x: Tensor; y: Tensor }) => ({ mse: loss(p, batch), l2: penalty(p.w) })
    const [s] = await firstValueFrom(
      data$.pipe(take(1), train({ params, loss: terms, optimizer: sgd(0.1) }), toArray()),
    )
    const firstBatch = await firstValueFrom(data$)
    expect(s!.losses).toEqual({ mse: loss(params, firstBatch).item(), l2: penalty(params.w).item() })
    expect(s!.loss).toBe(add(loss(params, firstBatch), penalty(params.w)).item())
    const { grads } = valueAndGrad((p: typeof params) => add(loss(p, firstBatch), penalty(p.w)))(params)
    expect(s!.params.w.toArray()).toEqual(applyUpdates(params, { w: mul(grads.w, -0.1) }).w.toArray())
  })

  it('keeps gradients in the snapshot when asked', async () => {
    const [s] = await firstValueFrom(
      data$.pipe(take(1), train({ params, loss, optimizer: sgd(0.1), keepGrads: true }), toArray()),
    )
    const { grads } = valueAndGrad((p: typeof params) => loss(p, { x: x, y: y }))(params)
    expect(s!.grads!.w.shape).toEqual(grads.w.shape)
  })

  it('uses the latest value of a learning-rate stream at each step', async () => {
    const rate$ = new BehaviorSubject(0.1)
    const rates: number[] = []
    const run$ = data$.pipe(take(4), train({ params, loss, optimizer: sgd, learningRate: rate$ }))
    run$.subscribe((s) => {
      rates.push(s.learningRate)
      if (s.step === 2) rate$.next(0.01)
    })
    expect(rates).toEqual([0.1, 0.1, 0.01, 0.01])
  })

  it('evaluates a schedule at the number of steps already taken', async () => {
    const snapshots = await firstValueFrom(
      data$.pipe(
        take(3),
        train({ params, loss, optimizer: sgd, learningRate: (step: number) => 1 / (step + 1) }),
        toArray(),
      ),
    )
    expect(snapshots.map((s) => s.learningRate)).toEqual([1, 1 / 2, 1 / 3])
  })

  it('reports an error in the loss function as an error notification with the step', async () => {
    const failing = (p: typeof params, batch: { x: Tensor; y: Tensor }) => {
      if (batch.y.toFlatArray()[0] === y.toFlatArray()[8]) throw new RangeError('bad batch')
      return loss(p, batch)
    }
    const seen: number[] = []
    const error = await new Promise<unknown>((resolve) =>
      data$
        .pipe(train({ params, loss: failing, optimizer: sgd(0.1) }))
        .subscribe({ next: (s) => seen.push(s.step), error: resolve }),
    )
    expect(error).toBeInstanceOf(TrainStepError)
    expect((error as TrainStepError).message).toBe('train: step 3 failed: bad batch')
    expect((error as TrainStepError).step).toBe(3)
    expect(seen).toEqual([1, 2])
  })

  it('stops training after exactly the steps taken downstream', async () => {
    let calls = 0
    const counting = (p: typeof params, batch: { x: Tensor; y: Tensor }) => {
      calls++
      return loss(p, batch)
    }
    await firstValueFrom(data$.pipe(train({ params, loss: counting, optimizer: sgd(0.1) }), take(10), toArray()))
    expect(calls).toBe(10)
  })

  it('rejects unknown options and an optimizer factory without a learning rate', () => {
    expect(() => train({ params, loss, optimizer: sgd(0.1), lr: 0.1 } as never)).toThrow("train: unknown option 'lr'")
    expect(() => train({ params, loss, optimizer: adam })).toThrow(
      'train: optimizer is a function of the learning rate, so learningRate is required',
    )
  })
})

describe('fit', () => {
  it('is cold: each subscription is a fresh, identical run', async () => {
    const run$ = fit({
      params,
      loss,
      optimizer: adam,
      learningRate: 0.01,
      data: { x, y },
      steps: 30,
      batching: { batchSize: 4 },
    })
    const a = await firstValueFrom(run$.pipe(last()))
    const b = await firstValueFrom(run$.pipe(last()))
    expect(a.step).toBe(30)
    expect(a.params.w.toArray()).toEqual(b.params.w.toArray())
    expect(a).not.toBe(b)
  })

  it('fans one run out to several subscribers through connectable()', async () => {
    let calls = 0
    const counting = (p: typeof params, batch: { x: Tensor; y: Tensor }) => {
      calls++
      return loss(p, batch)
    }
    const run$ = connectable(
      fit({ params, loss: counting, optimizer: sgd(0.1), data: { x, y }, steps: 5, batching: { batchSize: 4 } }),
    )
    const seen: number[][] = [[], []]
    run$.subscribe((s) => seen[0]!.push(s.step))
    run$.subscribe((s) => seen[1]!.push(s.step))
    run$.connect()
    expect(calls).toBe(5)
    expect(seen).toEqual([
      [1, 2, 3, 4, 5],
      [1, 2, 3, 4, 5],
    ])
  })

  it('keeps delivering to the other subscribers when one subscriber throws', async () => {
    const run$ = connectable(
      fit({ params, loss, optimizer: sgd(0.1), data: { x, y }, steps: 5, batching: { batchSize: 4 } }),
    )
    const seen: number[] = []
    const reference = await firstValueFrom(
      fit({ params, loss, optimizer: sgd(0.1), data: { x, y }, steps: 5, batching: { batchSize: 4 } }).pipe(toArray()),
    )
    const unhandled: unknown[] = []
    config.onUnhandledError = (error) => unhandled.push(error)
    try {
      run$.subscribe(() => {
        throw new Error('subscriber failed')
      })
      run$.subscribe((s) => {
        seen.push(s.step)
        expect(s.params.w.toArray()).toEqual(reference[s.step - 1]!.params.w.toArray())
      })
      run$.connect()
      await new Promise((resolve) => setTimeout(resolve, 10))
    } finally {
      config.onUnhandledError = null
    }
    expect(seen).toEqual([1, 2, 3, 4, 5])
    expect(unhandled.length).toBe(5)
  })

  it('takes a stream of batches a user builds', async () => {
    const stream$ = batches(x, y, { batchSize: 8 })
    const snapshots = await firstValueFrom(
      fit({ params, loss, optimizer: sgd(0.1), data: stream$, steps: 3 }).pipe(toArray()),
    )
    expect(snapshots.map((s) => s.step)).toEqual([1, 2, 3])
  })
})
