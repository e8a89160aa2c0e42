import { GradstreamError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as metrics from './index'

// Arguments are passed through Reflect.apply, with values the types would reject, as plain JavaScript callers can.
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)

const junk = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -1, 0, 1.5, true, 'x', [], {}, [1, 2], { k: 0 }, () => 1),
  fc.constantFrom(tensor(1), tensor([true]), tensor([[0.5]]), tensor([], [0]), tensor([3], undefined, 'int32')),
)

/** Calls `run` and expects it either to return or to throw one of gradstream's named errors, never a TypeError. */
function refusesByName(run: () => unknown): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(GradstreamError)
  }
}

describe('metrics with bad input', () => {
  const labels = tensor([0, 1], undefined, 'int32')
  const scores = tensor([
    [0.2, 0.8],
    [0.6, 0.4],
  ])

  it('every pure function throws a named error, never a TypeError, and leaves good arguments untouched', () => {
    fc.assert(
      fc.property(junk, junk, junk, (a, b, c) => {
        const pure = [
          metrics.accuracy,
          metrics.topKAccuracy,
          metrics.confusionMatrix,
          metrics.precision,
          metrics.recall,
          metrics.f1,
          metrics.meanAbsoluteError,
          metrics.rootMeanSquaredError,
        ]
        for (const fn of pure) {
          refusesByName(() => call(fn, a, b, c))
          refusesByName(() => call(fn, labels, scores, c))
          refusesByName(() => call(fn, labels, b))
        }
        refusesByName(() => call(metrics.trainTestSplit, a, b))
        refusesByName(() => call(metrics.trainTestSplit, { x: scores }, { testFraction: a, seed: b, stratify: c }))
        refusesByName(() => call(metrics.fitStandardizer, a, b))
        refusesByName(() => call(metrics.fitStandardizer(scores).apply, a))
        refusesByName(() => call(metrics.combineMetrics, a))
        expect(labels.toArray()).toEqual([0, 1])
        expect(scores.toArray()).toEqual(
          tensor([
            [0.2, 0.8],
            [0.6, 0.4],
          ]).toArray(),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('every accumulator refuses bad options, states and batches by name', () => {
    fc.assert(
      fc.property(junk, junk, junk, (a, b, c) => {
        const made = [
          metrics.accuracyMetric(),
          metrics.topKAccuracyMetric({ k: 1 }),
          metrics.confusionMatrixMetric({ numClasses: 2 }),
          metrics.precisionMetric({ numClasses: 2 }),
          metrics.recallMetric({ numClasses: 2 }),
          metrics.f1Metric({ numClasses: 2 }),
          metrics.meanAbsoluteErrorMetric(),
          metrics.rootMeanSquaredErrorMetric(),
        ]
        for (const factory of [metrics.topKAccuracyMetric, metrics.confusionMatrixMetric, metrics.f1Metric]) {
          refusesByName(() => call(factory, a))
        }
        for (const metric of made) {
          refusesByName(() => call(metric.update, a, b, c))
          refusesByName(() => call(metric.update, metric.init(), b, c))
          refusesByName(() => call(metric.merge, metric.init(), a))
          refusesByName(() => call(metric.result, a))
        }
      }),
      { numRuns: 100 },
    )
  })
})
