// Type promises, checked by tsc: states and results keep their types, alone and combined.
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { expectTypeOf, test } from 'vitest'
import { accuracyMetric } from './accuracy'
import type { ClassScores } from './classScores'
import { f1Metric } from './classScores'
import { combineMetrics } from './combineMetrics'
import { confusionMatrixMetric } from './confusionMatrix'
import type { AccuracyState } from './hitCounts'
import type { MetricResult, MetricState } from './Metric'
import { trainTestSplit } from './trainTestSplit'

test('a metric names its state and result types', () => {
  expectTypeOf<MetricState<ReturnType<typeof accuracyMetric>>>().toEqualTypeOf<AccuracyState>()
  expectTypeOf<MetricResult<ReturnType<typeof f1Metric>>>().toEqualTypeOf<ClassScores>()
  expectTypeOf(confusionMatrixMetric({ numClasses: 2 }).result).returns.toEqualTypeOf<Tensor>()
})

test('a combined metric keeps each result type under its name, and refuses a state of another metric', () => {
  const metrics = combineMetrics({ accuracy: accuracyMetric(), f1: f1Metric({ numClasses: 3 }) })
  expectTypeOf(metrics.result).returns.toEqualTypeOf<{ readonly accuracy: number; readonly f1: ClassScores }>()
  const confusion = confusionMatrixMetric({ numClasses: 2 })
  // @ts-expect-error accuracy's update takes an accuracy state, not a confusion state
  accuracyMetric().update(confusion.init(), tensor([0]), tensor([[1, 0]]))
})

test('trainTestSplit keeps the keys of its data', () => {
  const { train } = trainTestSplit({ x: tensor([[1], [2]]), y: tensor([0, 1]) }, { testFraction: 0.5, seed: 0 })
  expectTypeOf(train).toEqualTypeOf<{ x: Tensor; y: Tensor }>()
})
