import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accuracy, accuracyMetric } from './accuracy'
import { f1, f1Metric, precision, precisionMetric, recall, recallMetric } from './classScores'
import { confusionMatrix, confusionMatrixMetric } from './confusionMatrix'
import { meanAbsoluteError, meanAbsoluteErrorMetric } from './meanAbsoluteError'
import type { Metric } from './Metric'
import { rootMeanSquaredError, rootMeanSquaredErrorMetric } from './rootMeanSquaredError'
import { topKAccuracy, topKAccuracyMetric } from './topKAccuracy'

// The streaming promise: over any batching (empty batches included) and any order of batches or of
// merged shards, an accumulator's result is the pure function's over the concatenated data.

/** Cut points that split `n` samples into consecutive batches, some of them empty. */
const cuts = (n: number) =>
  fc.array(fc.nat(n), { maxLength: 6 }).map((points) => [0, ...points.sort((a, b) => a - b), n])

interface Classified {
  readonly classes: number
  readonly labels: number[]
  readonly scores: number[][]
}

// Small integer scores, so that ties (argmax's first index, in_top_k's boundary) are frequent.
const classified = fc.integer({ min: 1, max: 4 }).chain((classes) =>
  fc
    .array(
      fc.tuple(
        fc.nat(classes - 1),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: classes, maxLength: classes }),
      ),
      {
        minLength: 1,
        maxLength: 30,
      },
    )
    .map((rows): Classified => ({ classes, labels: rows.map(([l]) => l), scores: rows.map(([, s]) => s) })),
)

function streamed<S, R>(
  metric: Metric<S, R>,
  batches: readonly (readonly [Tensor, Tensor])[],
  order: readonly number[],
): R {
  let state = metric.init()
  for (const index of order) state = metric.update(state, ...batches[index]!)
  return metric.result(state)
}

function merged<S, R>(metric: Metric<S, R>, batches: readonly (readonly [Tensor, Tensor])[]): R {
  const shards = batches.map(([labels, predictions]) => metric.update(metric.init(), labels, predictions))
  return metric.result(shards.reduceRight((total, shard) => metric.merge(shard, total), metric.init()))
}

function classBatches(data: Classified, points: number[]): [Tensor, Tensor][] {
  return points.slice(1).map((end, i) => {
    const start = points[i]!
    const rows = data.scores.slice(start, end)
    return [
      tensor(data.labels.slice(start, end), undefined, 'int32'),
      tensor(rows.flat(), [rows.length, data.classes], 'float32'),
    ]
  })
}

describe('classification accumulators over random batchings', () => {
  it('equal the pure functions over the concatenated data, exactly, in any batch order', () => {
    fc.assert(
      fc.property(
        classified.chain((data) => fc.tuple(fc.constant(data), cuts(data.labels.length))),
        fc.integer({ min: 1, max: 3 }),
        ([data, points], k) => {
          const labels = tensor(data.labels, undefined, 'int32')
          const scores = tensor(data.scores.flat(), [data.labels.length, data.classes], 'float32')
          const batches = classBatches(data, points)
          const reversed = batches.map((_, i) => batches.length - 1 - i)
          const numClasses = data.classes
          const agrees = <S, R>(metric: Metric<S, R>, expected: R) => {
            expect(
              streamed(
                metric,
                batches,
                batches.map((_, i) => i),
              ),
            ).toEqual(expected)
            expect(streamed(metric, batches, reversed)).toEqual(expected)
            expect(merged(metric, batches)).toEqual(expected)
          }
          agrees(accuracyMetric(), accuracy(labels, scores))
          agrees(topKAccuracyMetric({ k }), topKAccuracy(labels, scores, { k }))
          agrees(precisionMetric({ numClasses }), precision(labels, scores))
          agrees(recallMetric({ numClasses }), recall(labels, scores))
          agrees(f1Metric({ numClasses }), f1(labels, scores))
          agrees(confusionMatrixMetric({ numClasses }), confusionMatrix(labels, scores))
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('regression accumulators over random batchings', () => {
  const values = fc.array(
    fc.tuple(fc.float({ min: -1e3, max: 1e3, noNaN: true }), fc.float({ min: -1e3, max: 1e3, noNaN: true })),
    {
      minLength: 1,
      maxLength: 40,
    },
  )

  it('equal the pure functions up to float64 rounding of the sums', () => {
    fc.assert(
      fc.property(
        values.chain((pairs) => fc.tuple(fc.constant(pairs), cuts(pairs.length))),
        ([pairs, points]) => {
          const labels = pairs.map(([l]) => l)
          const predictions = pairs.map(([, p]) => p)
          const batches = points.slice(1).map((end, i) => {
            const start = points[i]!
            return [tensor(labels.slice(start, end)), tensor(predictions.slice(start, end))] as const
          })
          const order = batches.map((_, i) => batches.length - 1 - i)
          // Reassociating n float64 additions of terms <= m moves the sum by at most n·ε·(n·m): a relative bound of n·ε on the mean.
          const bound = (reference: number) => pairs.length * Number.EPSILON * Math.abs(reference) + Number.MIN_VALUE
          const mae = meanAbsoluteError(tensor(labels), tensor(predictions))
          const rmse = rootMeanSquaredError(tensor(labels), tensor(predictions))
          for (const result of [
            streamed(meanAbsoluteErrorMetric(), batches, order),
            merged(meanAbsoluteErrorMetric(), batches),
          ]) {
            expect(Math.abs(result - mae)).toBeLessThanOrEqual(bound(mae))
          }
          for (const result of [
            streamed(rootMeanSquaredErrorMetric(), batches, order),
            merged(rootMeanSquaredErrorMetric(), batches),
          ]) {
            expect(Math.abs(result - rmse)).toBeLessThanOrEqual(bound(rmse))
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
