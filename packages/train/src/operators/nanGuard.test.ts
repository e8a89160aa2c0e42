import { sgd } from '@gradstream/optimizers'
import { log, mean, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { firstValueFrom, from, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { NonFiniteError } from '../errors'
import { fit } from '../fit'
import { nanGuard } from './nanGuard'

const snapshot = (step: number, loss: number, w: number[]) => ({
  step,
  loss,
  losses: { mse: loss },
  params: { layers: [{ w: tensor(w) }] },
})

describe('nanGuard', () => {
  it('passes finite snapshots through', async () => {
    const got = await firstValueFrom(from([snapshot(1, 1, [1]), snapshot(2, 0.5, [2])]).pipe(nanGuard(), toArray()))
    expect(got.length).toBe(2)
  })

  it('errors before emitting a snapshot with a non-finite loss term, naming the term and step', async () => {
    const seen: number[] = []
    const error = await new Promise<unknown>((resolve) =>
      from([snapshot(1, 1, [1]), snapshot(2, NaN, [1]), snapshot(3, 1, [1])])
        .pipe(nanGuard())
        .subscribe({ next: (s) => seen.push(s.step), error: resolve }),
    )
    expect(seen).toEqual([1])
    expect(error).toBeInstanceOf(NonFiniteError)
    expect((error as Error).message).toBe("nanGuard: loss term 'mse' is NaN at step 2")
  })

  it('names the parameter that went non-finite', async () => {
    await expect(firstValueFrom(from([snapshot(4, 1, [1, Infinity])]).pipe(nanGuard()))).rejects.toThrow(
      'nanGuard: parameter layers[0].w is Infinity at step 4',
    )
  })

  it('stops a real run whose loss becomes NaN', async () => {
    // A large step drives w below zero, where log is NaN.
    const params = { w: tensor([1]) }
    const loss = ({ w }: { readonly w: Tensor }) => mean(log(w))
    const data = { x: tensor([[0]]), y: tensor([[0]]) }
    const run$ = fit({ params, loss, optimizer: sgd(5), data, steps: 10, batching: { batchSize: 1 } }).pipe(nanGuard())
    await expect(firstValueFrom(run$.pipe(toArray()))).rejects.toThrow("nanGuard: loss term 'loss' is NaN at step 2")
  })
})
