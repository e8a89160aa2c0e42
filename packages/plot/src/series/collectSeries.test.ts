import { firstValueFrom, from, range, map, throwError, concat } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { collectSeries } from './collectSeries'

describe('collectSeries', () => {
  it('emits one line per picked name when the run completes', async () => {
    const step$ = from([1, 2, 3].map((step) => ({ step, loss: 10 - step, mse: step })))
    const lines = await firstValueFrom(step$.pipe(collectSeries((s) => ({ loss: s.loss, mse: s.mse }))))
    expect(lines).toEqual([
      {
        name: 'loss',
        points: [
          [1, 9],
          [2, 8],
          [3, 7],
        ],
      },
      {
        name: 'mse',
        points: [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
      },
    ])
  })

  it('names a single picked number with the name option', async () => {
    const step$ = from([{ step: 1, loss: 0.5 }])
    const lines = await firstValueFrom(step$.pipe(collectSeries((s) => s.loss, { name: 'run A' })))
    expect(lines).toEqual([{ name: 'run A', points: [[1, 0.5]] }])
  })

  it('keeps at most maxPoints + 1 points of a long run, ending at its last step', async () => {
    const step$ = range(1, 10_000).pipe(map((step) => ({ step })))
    const [line] = await firstValueFrom(step$.pipe(collectSeries((s) => s.step, { maxPoints: 100 })))
    expect(line!.points.length).toBeLessThanOrEqual(101)
    expect(line!.points.at(-1)).toEqual([10_000, 10_000])
  })

  it('keeps the first step, so a chart starts at the initial loss', async () => {
    const step$ = range(1, 10_000).pipe(map((step) => ({ step, loss: 1 / step })))
    const [line] = await firstValueFrom(step$.pipe(collectSeries((s) => s.loss, { maxPoints: 50 })))
    expect(line!.points[0]).toEqual([1, 1])
    expect(line!.points.length).toBeLessThanOrEqual(51)
  })

  it('passes an error on', async () => {
    const step$ = concat(
      from([{ step: 1 }]),
      throwError(() => new Error('boom')),
    )
    await expect(firstValueFrom(step$.pipe(collectSeries((s) => s.step)))).rejects.toThrow('boom')
  })

  it('rejects a maxPoints below 2', () => {
    expect(() => collectSeries(() => 0, { maxPoints: 1 })).toThrow(
      'collectSeries: maxPoints must be an integer >= 2, got 1',
    )
  })
})
