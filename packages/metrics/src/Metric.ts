import type { Tensor } from '@gradstream/tensor'

/**
 * A metric as a streaming accumulator: pure functions over an immutable state,
 * the shape of `keras.metrics.Metric` (`reset_state`, `update_state`,
 * `result`) and torchmetrics (with `merge` for two shards of the data), but
 * without anything mutated. States are frozen plain records of numbers, so
 * they can go into a snapshot or a checkpoint as they are.
 *
 * Counts and sums are kept in float64 (counts are exact integers up to 2⁵³),
 * so the result over any batching of the data equals the pure function over
 * the concatenated data: exactly for counts, up to float64 rounding of the
 * sums for the regression metrics.
 *
 * @example
 * const metric = accuracyMetric()
 * let state = metric.init()
 * state = metric.update(state, tensor([0, 1], undefined, 'int32'), tensor([[2, 1], [3, 4]]))
 * state = metric.update(state, tensor([1], undefined, 'int32'), tensor([[5, 0]]))
 * metric.result(state) // 0.6666666666666666
 */
export interface Metric<S, R> {
  // Method signatures, so that any metric is a Metric<unknown, unknown> where a collection of them is typed.
  /** The state before any batch: every count at zero. */
  init(): S
  /** The state after one more batch, `(labels, predictions)` in that order as TF1's `tf.metrics`; `state` is untouched. A batch may be empty. */
  update(state: S, labels: Tensor, predictions: Tensor): S
  /** The state of the union of two disjoint parts of the data (two workers, two halves). */
  merge(a: S, b: S): S
  /** The metric over every sample seen; for a fraction or a mean, a state without samples is a ShapeError. */
  result(state: S): R
}

/** The state of a metric, read from its type. @example type S = MetricState<ReturnType<typeof accuracyMetric>> */
export type MetricState<M> = M extends Metric<infer S, infer _R> ? S : never

/** The result of a metric, read from its type. @example type R = MetricResult<ReturnType<typeof accuracyMetric>> // number */
export type MetricResult<M> = M extends Metric<infer _S, infer R> ? R : never
