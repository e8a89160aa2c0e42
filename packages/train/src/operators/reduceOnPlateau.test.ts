import { sgd } from '@gradstream/optimizers'
import { square, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { BehaviorSubject, firstValueFrom, from, tap, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { fit } from '../fit'
import { reduceOnPlateau } from './reduceOnPlateau'

const losses = (values: number[]) => from(values.map((loss) => ({ loss })))

describe('reduceOnPlateau', () => {
  it('starts at the initial rate and multiplies by factor after `patience` steps without improvement', async () => {
    const got = await firstValueFrom(
      losses([5, 4, 4, 4, 3, 3, 3, 3]).pipe(reduceOnPlateau({ initial: 1, factor: 0.5, patience: 2 }), toArray()),
    )
    expect(got).toEqual([1, 0.5, 0.25])
  })

  it('waits out the cooldown and respects minRate', async () => {
    const got = await firstValueFrom(
      losses([1, 1, 1, 1, 1, 1, 1]).pipe(
        reduceOnPlateau({ initial: 1, factor: 0.1, patience: 1, cooldown: 2, minRate: 0.05 }),
        toArray(),
      ),
    )
    expect(got).toEqual([1, 0.1, 0.05])
  })

  it('steers a run when its losses are fed back into its learning rate', async () => {
    // sgd at rate 1 on w² bounces w between 1 and -1: the loss is stuck at 1
    // until the feedback lowers the rate.
    const rate$ = new BehaviorSubject(1)
    const run$ = fit({
      params: { w: tensor([1]) },
      loss: ({ w }: { readonly w: Tensor }) => sum(square(w)),
      optimizer: sgd,
      learningRate: rate$,
      data: { x: tensor([[0]]), y: tensor([[0]]) },
      steps: 8,
      batching: { batchSize: 1 },
    })
    const seen: { loss: number; learningRate: number }[] = []
    run$
      .pipe(
        tap((s) => seen.push(s)),
        reduceOnPlateau({ initial: 1, factor: 0.25, patience: 2 }),
      )
      .subscribe(rate$)
    expect(seen.map((s) => s.learningRate)).toEqual([1, 1, 1, 0.25, 0.25, 0.25, 0.25, 0.25])
    expect(seen.map((s) => s.loss)).toEqual([1, 1, 1, 1, 0.25, 0.0625, 0.015625, 0.00390625])
  })

  it('rejects out-of-range settings and unknown options', () => {
    expect(() => reduceOnPlateau({ initial: 1, factor: 2 })).toThrow('reduceOnPlateau: factor must be in (0, 1), got 2')
    expect(() => reduceOnPlateau({ initial: 1, patiense: 3 } as never)).toThrow(
      "reduceOnPlateau: unknown option 'patiense'",
    )
  })
})
