import { tensor } from '@gradstream/tensor'
import { firstValueFrom, take, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { batches } from './batches'

const x = tensor(Array.from({ length: 10 }, (_, i) => [i, -i]))
const y = tensor(Array.from({ length: 10 }, (_, i) => [i * 10]))

describe('batches', () => {
  it('cycles as the seed does: batch i is rows (i * size) % n up to + size, clipped at n', async () => {
    const got = await firstValueFrom(batches(x, y, { batchSize: 4 }).pipe(take(4), toArray()))
    expect(got.map((b) => b.y.toFlatArray())).toEqual([
      [0, 10, 20, 30],
      [40, 50, 60, 70],
      [80, 90],
      [20, 30, 40, 50],
    ])
    expect(got[2]!.x.toArray()).toEqual([
      [8, -8],
      [9, -9],
    ])
  })

  it('emits exactly the requested steps, starting at startStep', async () => {
    const got = await firstValueFrom(batches(x, y, { batchSize: 4, startStep: 3, steps: 2 }).pipe(toArray()))
    expect(got.map((b) => b.y.toFlatArray())).toEqual([
      [20, 30, 40, 50],
      [60, 70, 80, 90],
    ])
  })

  it('shuffles each epoch with a permutation from the seed, the same for the same seed', async () => {
    const run = (seed: number) =>
      firstValueFrom(batches(x, y, { batchSize: 4, order: 'shuffle', seed }).pipe(take(6), toArray()))
    const [a, b, c] = await Promise.all([run(1), run(1), run(2)])
    const rows = (bs: typeof a) => bs.flatMap((batch) => batch.y.toFlatArray().map((v) => v / 10))
    expect(rows(a)).toEqual(rows(b))
    expect(rows(a)).not.toEqual(rows(c))
    expect(a.map((batch) => batch.y.shape[0])).toEqual([4, 4, 2, 4, 4, 2])
    expect([...rows(a).slice(0, 10)].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect([...rows(a).slice(10, 20)].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(rows(a).slice(0, 10)).not.toEqual(rows(a).slice(10, 20))
    a.forEach((batch) =>
      expect(batch.x.toFlatArray().filter((_, i) => i % 2 === 0)).toEqual(batch.y.toFlatArray().map((v) => v / 10)),
    )
  })

  it('resumes a shuffled walk at startStep with the batches it would have emitted', async () => {
    const all = await firstValueFrom(
      batches(x, y, { batchSize: 3, order: 'shuffle', seed: 5, steps: 9 }).pipe(toArray()),
    )
    const tail = await firstValueFrom(
      batches(x, y, { batchSize: 3, order: 'shuffle', seed: 5, startStep: 5, steps: 4 }).pipe(toArray()),
    )
    expect(tail.map((b) => b.y.toFlatArray())).toEqual(all.slice(5).map((b) => b.y.toFlatArray()))
  })

  it('walks the shuffle afresh for every subscription, from its own start', async () => {
    const walk$ = batches(x, y, { batchSize: 4, order: 'shuffle', seed: 4, steps: 9 })
    const rows = (bs: readonly { y: { toFlatArray(): number[] } }[]) => bs.map((b) => b.y.toFlatArray())
    const first = await firstValueFrom(walk$.pipe(toArray()))
    const second = await firstValueFrom(walk$.pipe(toArray()))
    expect(rows(second)).toEqual(rows(first))
  })

  it("gives the whole data set every time with order 'full'", async () => {
    const got = await firstValueFrom(batches(x, y, { order: 'full' }).pipe(take(2), toArray()))
    expect(got.map((b) => b.x.shape)).toEqual([
      [10, 2],
      [10, 2],
    ])
  })

  it('yields to the event loop between chunks when asked', async () => {
    const seen: string[] = []
    setTimeout(() => seen.push('timer'), 0)
    await new Promise<void>((resolve) =>
      batches(x, y, { batchSize: 2, steps: 6, yieldEverySteps: 2 }).subscribe({
        next: (b) => seen.push(`batch ${b.y.toFlatArray()[0]! / 10}`),
        complete: resolve,
      }),
    )
    expect(seen.indexOf('timer')).toBeGreaterThan(1)
    expect(seen.indexOf('timer')).toBeLessThan(seen.length - 1)
    expect(seen.filter((s) => s !== 'timer')).toEqual([
      'batch 0',
      'batch 2',
      'batch 4',
      'batch 6',
      'batch 8',
      'batch 0',
    ])
  })

  it('rejects data with different row counts, unknown options and bad sizes', () => {
    expect(() => batches(x, tensor([[1]]))).toThrow(
      'batches: x and y need the same number of rows: x is [10, 2], y is [1, 1]',
    )
    expect(() => batches(x, y, { batchsize: 4 } as never)).toThrow("batches: unknown option 'batchsize'")
    expect(() => batches(x, y, { batchSize: 0 })).toThrow('batches: batchSize must be an integer >= 1, got 0')
    expect(() => batches(x, y, { order: 'random' as never })).toThrow(
      "batches: order must be one of 'cycle', 'shuffle', 'full', got \"random\"",
    )
  })
})
