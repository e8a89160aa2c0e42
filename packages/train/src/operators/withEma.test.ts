import { exponentialMovingAverage } from '@gradstream/ema'
import { adam } from '@gradstream/optimizers'
import { scalar, tensor } from '@gradstream/tensor'
import { firstValueFrom, from, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { fit } from '../fit'
import { linearProblem } from '../testing/linearProblem'
import { withEma } from './withEma'

const { x, y, params, loss } = linearProblem()
const ema = exponentialMovingAverage({ decay: 0.9 })
const run = (withAverage: boolean) =>
  fit({
    params,
    loss,
    optimizer: adam,
    learningRate: 0.1,
    data: { x, y },
    steps: 6,
    batching: { batchSize: 4 },
    ...(withAverage ? { ema } : {}),
  })

describe('withEma', () => {
  it('gives the same averages as train({ ema }): both start at the parameters before the first update', async () => {
    const inTrain = await firstValueFrom(run(true).pipe(toArray()))
    const operated = await firstValueFrom(run(false).pipe(withEma(ema, { initial: params }), toArray()))
    expect(operated.map((s) => s.ema.w.toArray())).toEqual(inTrain.map((s) => s.ema!.w.toArray()))
  })

  it("starts the shadow at `initial`, TF1's variable value before the first update", async () => {
    // decay min(0.9, (1 + 1) / (10 + 1)) = 2/11 at step 1: 0 - (0 - 10)·(1 - 2/11), in float32.
    const [s] = await firstValueFrom(
      from([{ step: 1, params: { v: scalar(10) } }]).pipe(withEma(ema, { initial: { v: scalar(0) } }), toArray()),
    )
    expect(s!.ema.v.item()).toBe(Math.fround(10 * Math.fround(1 - Math.fround(Math.fround(2) / Math.fround(11)))))
  })

  it('emits deep-frozen snapshots, so a subscriber cannot change later averages', async () => {
    const steps = from([1, 2, 3].map((step) => ({ step, params: { v: scalar(step) } })))
    const clean = await firstValueFrom(steps.pipe(withEma(ema, { initial: { v: scalar(0) } }), toArray()))
    const averages: number[] = []
    const tampering = await new Promise<unknown[]>((resolve) => {
      const errors: unknown[] = []
      steps.pipe(withEma(ema, { initial: { v: scalar(0) } })).subscribe({
        next: (s) => {
          try {
            ;(s.ema as { v: unknown }).v = scalar(1000)
          } catch (error) {
            errors.push(error)
          }
          averages.push(s.ema.v.item())
        },
        complete: () => resolve(errors),
      })
    })
    expect(tampering.length).toBe(3)
    expect(tampering.every((error) => error instanceof TypeError)).toBe(true)
    expect(averages).toEqual(clean.map((s) => s.ema.v.item()))
  })

  it('refuses what is not a moving average, a missing start and integer parameters', () => {
    expect(() => withEma({} as never, { initial: params })).toThrow(
      'withEma: ema must be an ExponentialMovingAverage, as exponentialMovingAverage({ decay }) returns, got an object',
    )
    expect(() => withEma(ema, undefined as never)).toThrow('withEma: options must be an object, got undefined')
    expect(() => withEma(ema, { initial: { w: tensor([1, 2], undefined, 'int32') } })).toThrow(
      'withEma: a moving average needs float parameters, but initial.w is int32',
    )
  })
})
