import { ConfigError, StructureError, describe, isPlainObject } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import type { Metric, MetricResult, MetricState } from './Metric'

/** The metrics of a {@link combineMetrics} record, by name. @example const record: MetricRecord = { accuracy: accuracyMetric() } */
export type MetricRecord = Readonly<Record<string, Metric<unknown, unknown>>>

/** The state of a combined metric: each metric's state under its name. @example combineMetrics({ accuracy: accuracyMetric() }).init() // { accuracy: { correct: 0, count: 0 } } */
export type CombinedState<M extends MetricRecord> = { readonly [K in keyof M]: MetricState<M[K]> }

/** The result of a combined metric: each metric's result under its name. @example type R = CombinedResult<{ accuracy: Metric<AccuracyState, number> }> // { readonly accuracy: number } */
export type CombinedResult<M extends MetricRecord> = { readonly [K in keyof M]: MetricResult<M[K]> }

const isMetric = (value: unknown): boolean =>
  isPlainObject(value) && ['init', 'update', 'merge', 'result'].every((key) => typeof value[key] === 'function')

/**
 * Several metrics as one, fed the same batches (torchmetrics'
 * `MetricCollection`): the state and the result are records with the same
 * names, so one `update` per batch serves them all and `result` gives a
 * record ready for a snapshot, such as `{ accuracy, f1 }`.
 *
 * @example
 * const metrics = combineMetrics({ accuracy: accuracyMetric(), top2: topKAccuracyMetric({ k: 2 }) })
 * const state = metrics.update(metrics.init(), tensor([2], undefined, 'int32'), tensor([[0.1, 0.5, 0.4]]))
 * metrics.result(state) // { accuracy: 0, top2: 1 }
 */
export function combineMetrics<M extends MetricRecord>(metrics: M): Metric<CombinedState<M>, CombinedResult<M>> {
  const fn = 'combineMetrics'
  if (!isPlainObject(metrics) || Object.keys(metrics).length === 0) {
    throw new ConfigError(fn, `metrics must be a non-empty record of metrics, got ${describe(metrics)}`)
  }
  const names = Object.keys(metrics)
  for (const name of names) {
    if (!isMetric(metrics[name])) {
      throw new ConfigError(
        fn,
        `metrics.${name} must be a metric { init, update, merge, result }, got ${describe(metrics[name])}`,
      )
    }
  }
  const statesOf = (method: string, state: unknown): Readonly<Record<string, unknown>> => {
    if (isPlainObject(state) && names.every((name) => name in state)) return state
    throw new StructureError(
      `${fn}.${method}`,
      `state must be a record of the states of ${names.join(', ')}, got ${describe(state)}`,
    )
  }
  // The one cast: a record built name by name from each metric's own state or result has the mapped type.
  const byName = <T>(value: (metric: Metric<unknown, unknown>, name: string) => unknown): T =>
    Object.freeze(Object.fromEntries(names.map((name) => [name, value(metrics[name]!, name)]))) as T
  return Object.freeze({
    init: () => byName<CombinedState<M>>((metric) => metric.init()),
    update: (state: CombinedState<M>, labels: Tensor, predictions: Tensor) => {
      const states = statesOf('update', state)
      return byName<CombinedState<M>>((metric, name) => metric.update(states[name], labels, predictions))
    },
    merge: (a: CombinedState<M>, b: CombinedState<M>) => {
      const [first, second] = [statesOf('merge', a), statesOf('merge', b)]
      return byName<CombinedState<M>>((metric, name) => metric.merge(first[name], second[name]))
    },
    result: (state: CombinedState<M>) => {
      const states = statesOf('result', state)
      return byName<CombinedResult<M>>((metric, name) => metric.result(states[name]))
    },
  })
}
