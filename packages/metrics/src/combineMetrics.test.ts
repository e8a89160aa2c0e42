import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { accuracy, accuracyMetric } from './accuracy'
import { f1, f1Metric } from './classScores'
import { combineMetrics } from './combineMetrics'
import { topKAccuracyMetric } from './topKAccuracy'

const i32 = (values: number[]) => tensor(values, undefined, 'int32')

describe('combineMetrics', () => {
  it('feeds every metric the same batches and returns their results by name', () => {
    const metrics = combineMetrics({ accuracy: accuracyMetric(), f1: f1Metric({ numClasses: 3 }) })
    const labels = [i32([0, 1, 2]), i32([2, 2])]
    const scores = [
      tensor([
        [3, 1, 0],
        [0, 1, 2],
        [0, 0, 1],
      ]),
      tensor([
        [0, 1, 0],
        [0, 0, 1],
      ]),
    ]
    const a = metrics.update(metrics.init(), labels[0]!, scores[0]!)
    const state = metrics.update(a, labels[1]!, scores[1]!)
    const allLabels = i32([0, 1, 2, 2, 2])
    const allScores = tensor([
      [3, 1, 0],
      [0, 1, 2],
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 1],
    ])
    expect(metrics.result(state)).toEqual({ accuracy: accuracy(allLabels, allScores), f1: f1(allLabels, allScores) })
    const b = metrics.update(metrics.init(), labels[1]!, scores[1]!)
    expect(metrics.result(metrics.merge(a, b))).toEqual(metrics.result(state))
    expect(Object.isFrozen(state)).toBe(true)
  })

  it('types the state and the result by name', () => {
    const metrics = combineMetrics({ accuracy: accuracyMetric(), top2: topKAccuracyMetric({ k: 2 }) })
    const result = metrics.result(metrics.update(metrics.init(), i32([2]), tensor([[0.1, 0.5, 0.4]])))
    const top2: number = result.top2
    expect([result.accuracy, top2]).toEqual([0, 1])
  })

  it('refuses what is not a record of metrics, and a state of other names', () => {
    expect(() => combineMetrics({})).toThrow(
      new ConfigError('combineMetrics', 'metrics must be a non-empty record of metrics, got an object'),
    )
    expect(() => combineMetrics({ accuracy } as never)).toThrow(
      'combineMetrics: metrics.accuracy must be a metric { init, update, merge, result }, got a function',
    )
    const metrics = combineMetrics({ accuracy: accuracyMetric() })
    expect(() => metrics.result({ acc: { correct: 1, count: 1 } } as never)).toThrow(
      new StructureError('combineMetrics.result', 'state must be a record of the states of accuracy, got an object'),
    )
  })
})
