import { ConfigError } from '@gradstream/core'
import { sgd } from '@gradstream/optimizers'
import { RandomState } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { firstValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { Batch } from './batch'
import { batches } from './batches'
import { alignedEpochPosition, wrappingEpochPosition } from './epochs'
import { fit } from './fit'
import type { FitOptions } from './fit'
import { linearProblem } from './testing/linearProblem'

const { x, y, params, loss } = linearProblem() // 16 rows; row r of y is the row's own label
type Options = FitOptions<typeof params, unknown>

/** The labels of every batch a run of `fit` trains on, with its snapshots' epoch positions. */
async function walk(changes: Partial<Options>) {
  const seen: number[][] = []
  const recording = (p: typeof params, batch: Batch) => {
    seen.push(batch.y.toFlatArray())
    return loss(p, batch)
  }
  const options = { params, loss: recording, optimizer: sgd(0.1), data: { x, y }, ...changes } as Options
  const snapshots = await firstValueFrom(fit(options).pipe(toArray()))
  return { seen, positions: snapshots.map((s) => [s.epoch, s.stepInEpoch, s.epochEnd]) }
}

/** Row numbers of labels: y's rows are distinct, so a label names its row. */
const labels = y.toFlatArray()
const rowsOf = (batchLabels: readonly number[]) => batchLabels.map((label) => labels.indexOf(label))

describe('fit with epochs', () => {
  it('runs ceil(n / batchSize) steps an epoch and keeps the short last batch, as tf.data and PyTorch do', async () => {
    const { seen, positions } = await walk({ epochs: 2, batching: { batchSize: 5 } })
    expect(seen.map((b) => b.length)).toEqual([5, 5, 5, 1, 5, 5, 5, 1])
    expect(positions).toEqual([
      [1, 1, false],
      [1, 2, false],
      [1, 3, false],
      [1, 4, true],
      [2, 1, false],
      [2, 2, false],
      [2, 3, false],
      [2, 4, true],
    ])
    // In order, each epoch from row 0: the seed's wrapping walk would start epoch 2 at row 4.
    expect(rowsOf(seen[4]!)).toEqual([0, 1, 2, 3, 4])
  })

  it('drops the short last batch of every epoch with dropRemainder', async () => {
    const { seen, positions } = await walk({ epochs: 2, batching: { batchSize: 5, dropRemainder: true } })
    expect(seen.map((b) => b.length)).toEqual([5, 5, 5, 5, 5, 5])
    expect(positions.map(([epoch, , end]) => [epoch, end])).toEqual([
      [1, false],
      [1, false],
      [1, true],
      [2, false],
      [2, false],
      [2, true],
    ])
  })

  it("shuffles every epoch with the next permutation of numpy's RandomState(seed)", async () => {
    for (const dropRemainder of [false, true]) {
      const { seen } = await walk({ epochs: 3, batching: { batchSize: 5, order: 'shuffle', seed: 4, dropRemainder } })
      const rng = new RandomState(4)
      const permutations = [0, 1, 2].map(() => rng.permutation(16).toFlatArray())
      const perEpoch = dropRemainder ? 3 : 4
      const epochs = [0, 1, 2].map((e) => seen.slice(e * perEpoch, (e + 1) * perEpoch).flatMap(rowsOf))
      expect(epochs).toEqual(permutations.map((p) => p.slice(0, dropRemainder ? 15 : 16)))
    }
  })

  it('runs one step an epoch with order full', async () => {
    const { seen, positions } = await walk({ epochs: 3, batching: { order: 'full' } })
    expect(seen.map((b) => b.length)).toEqual([16, 16, 16])
    expect(positions).toEqual([
      [1, 1, true],
      [2, 1, true],
      [3, 1, true],
    ])
  })
})

describe('fit with steps', () => {
  it("keeps the seed's wrapping cycle and tells each step's pass over the data", async () => {
    const { seen, positions } = await walk({ steps: 5, batching: { batchSize: 6 } })
    expect(seen.map(rowsOf)).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
      [12, 13, 14, 15],
      [2, 3, 4, 5, 6, 7],
      [8, 9, 10, 11, 12, 13],
    ])
    expect(positions).toEqual([
      [1, 1, false],
      [1, 2, false],
      [1, 3, true],
      [2, 1, false],
      [2, 2, false],
    ])
  })

  it('says no epoch for a stream of batches, whose epochs it cannot know', async () => {
    const [s] = await firstValueFrom(
      fit({ params, loss, optimizer: sgd(0.1), data: batches(x, y), steps: 1 }).pipe(toArray()),
    )
    expect(s!.epoch).toBeUndefined()
  })
})

describe('epoch positions', () => {
  it("of the wrapping walk: an epoch ends at the batch clipped at n, as a walk over the seed's batches counts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (batchSize, n) => {
        let epoch = 1
        let stepInEpoch = 1
        for (let i = 0; i < 60; i++) {
          const start = (i * batchSize) % n
          const clipped = start + Math.min(batchSize, n - start) === n
          expect(wrappingEpochPosition(i + 1, batchSize, n)).toEqual({ epoch, stepInEpoch, epochEnd: clipped })
          if (n % batchSize === 0) {
            expect(alignedEpochPosition(i + 1, n / batchSize)).toEqual({ epoch, stepInEpoch, epochEnd: clipped })
          }
          ;[epoch, stepInEpoch] = clipped ? [epoch + 1, 1] : [epoch, stepInEpoch + 1]
        }
      }),
      { seed: 14 },
    )
  })
})

describe('fit validates the length of the run', () => {
  const fitWith = (changes: Record<string, unknown>) => () =>
    fit({ params, loss, optimizer: sgd(0.1), data: { x, y }, ...changes } as Options)

  it('wants exactly one of steps and epochs', () => {
    expect(fitWith({ steps: 5, epochs: 2 })).toThrow(
      new ConfigError('fit', 'give steps or epochs, not both: the run lasts one or the other'),
    )
    expect(fitWith({})).toThrow(new ConfigError('fit', 'give steps or epochs: how long the run lasts'))
  })

  it('wants epochs an integer >= 1', () => {
    for (const epochs of [0, -1, 2.5, NaN, '2']) {
      expect(fitWith({ epochs })).toThrow(ConfigError)
      expect(fitWith({ epochs })).toThrow('fit: epochs must be an integer >= 1, got ')
    }
  })

  it('refuses epochs over a stream of batches', () => {
    expect(fitWith({ epochs: 2, data: batches(x, y) })).toThrow(
      new ConfigError('fit', 'epochs needs { x, y } data, whose rows make an epoch; give a stream of batches steps'),
    )
  })

  it('wants dropRemainder a boolean, and a batch no larger than the data with it', () => {
    expect(fitWith({ epochs: 1, batching: { dropRemainder: 'yes' } })).toThrow(
      new ConfigError('fit', 'batching.dropRemainder must be a boolean, got "yes"'),
    )
    expect(fitWith({ epochs: 1, batching: { batchSize: 17, dropRemainder: true } })).toThrow(
      new ConfigError(
        'fit',
        'batching.batchSize 17 is more than the 16 rows of the data, so dropRemainder would drop every batch',
      ),
    )
    expect(() => batches(x, y, { batchSize: 17, dropRemainder: true })).toThrow(
      'batches: batchSize 17 is more than the 16 rows of the data, so dropRemainder would drop every batch',
    )
  })
})

// The batches of `batches` itself follow the same rule.
describe('batches with dropRemainder', () => {
  it('restarts every epoch at row 0 in order cycle and leaves out the short batch', async () => {
    const got = await firstValueFrom(batches(x, y, { batchSize: 6, dropRemainder: true, steps: 4 }).pipe(toArray()))
    expect(got.map((b: { y: Tensor }) => rowsOf(b.y.toFlatArray()))).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
    ])
  })
})
