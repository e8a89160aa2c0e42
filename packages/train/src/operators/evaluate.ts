import {
  ConfigError,
  DTypeError,
  ShapeError,
  checkFunction,
  checkInteger,
  checkOptions,
  describe,
  isPlainObject,
} from '@gradstream/core'
import type { Metric } from '@gradstream/metrics'
import { Tensor, checkTensor, formatShape, slice, withoutTracers } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { map } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import type { Snapshot } from '../snapshot'
import { EvaluationError } from './evaluationError'

/**
 * The third argument of `predict`: the nn layers' `apply` options for
 * inference, so `model.apply(params, x, context)` works as it is. `state` is
 * the snapshot's `modelState` (batch norm uses its moving statistics).
 * @example const context: EvaluationContext<BatchNormState> = { state: snapshot.modelState, key: undefined, training: false }
 */
export interface EvaluationContext<M> {
  readonly state: M
  readonly key: undefined
  readonly training: false
}

/**
 * Options of {@link evaluate}.
 * @example
 * const options: EvaluateOptions<{ w: Tensor }> = { data: { x, y }, predict: (p, x) => matMul(x, p.w), loss: meanSquaredError }
 */
export interface EvaluateOptions<P extends Params, M extends Params | undefined = undefined> {
  /** The validation set: rows of `x` and `y` (same first dimension), walked in order in batches. */
  readonly data: { readonly x: Tensor; readonly y: Tensor }
  /** The model's output for a batch of `x` (logits, probabilities, values): `[rows, ...]`. */
  readonly predict: (params: P, x: Tensor, context: EvaluationContext<M>) => Tensor
  /** The mean loss of a batch, `(labels, predictions)` as the losses of `@gradstream/losses`: a scalar. */
  readonly loss?: (labels: Tensor, predictions: Tensor) => Tensor
  /** Streaming accumulators of `@gradstream/metrics`, fed every batch; `eval` gets one number per name. */
  readonly metrics?: Readonly<Record<string, Metric<unknown, number>>>
  /** Rows per batch (default 256); the last batch keeps what is left. */
  readonly batchSize?: number
  /** `'epoch'` (default): the snapshots with `epochEnd`; a number n: steps n, 2n, 3n, ... */
  readonly every?: 'epoch' | number
}

/** The snapshots `evaluate` reads: any `Snapshot` of `train` or `fit`. */
type Evaluable = Snapshot<Params, unknown, Params | undefined, unknown>

/**
 * The model state type of a snapshot type (`undefined` for a run without one): what `predict` gets as `context.state`.
 * @example type State = ModelStateOf<Snapshot<Params, AdamState, BatchNormState>> // BatchNormState
 */
export type ModelStateOf<T> = T extends Snapshot<Params, unknown, infer M, unknown> ? M : undefined

const KNOWN = ['data', 'predict', 'loss', 'metrics', 'batchSize', 'every']

/** One batch of the validation set: its rows, from `first` on. */
interface EvalBatch {
  readonly x: Tensor
  readonly y: Tensor
  readonly first: number
  readonly rows: number
}

/**
 * Evaluates the model on a validation set at chosen snapshots and merges the
 * results into them as `eval`: `{ loss, ...metrics }` (`loss` when a loss is
 * given, then one number per metric, in the order given). Other snapshots
 * pass unchanged. Every evaluated snapshot is a new frozen object sharing all
 * else with the one it replaces (`===`).
 *
 * The evaluation runs in inference mode: unseen by any gradient tape,
 * `training: false`, `key: undefined` (no dropout), and the snapshot's
 * `modelState` (batch norm's moving statistics). Batches are the rows in
 * order, the last one partial. The loss is the mean of the batch means
 * weighted by their rows, summed in float64: it equals the loss of the whole
 * set up to the float32 rounding of each batch's mean. Metrics are exact over
 * any batching (see `@gradstream/metrics`). The cost is paid only at the
 * evaluated steps: one forward pass over the set.
 *
 * Errors at an evaluated step become an error notification: a `predict` that
 * returns something else than a Tensor (DTypeError) or a first dimension other
 * than the batch's rows (ShapeError), a loss that is not a scalar (ShapeError),
 * and a loss or metric that is not finite or throws (EvaluationError), each
 * naming the step.
 *
 * @example
 * const run$ = fit({ params, loss, optimizer: adam, learningRate: 0.01, data: train, epochs: 20, modelState })
 * run$.pipe(
 *   evaluate({ data: test, predict: (p, x, c) => model.apply(p, x, c).output,
 *              loss: softmaxCrossEntropy, metrics: { accuracy: accuracyMetric() } }),
 *   filter((s) => s.eval !== undefined),
 * ).subscribe((s) => console.log(s.epoch, s.eval)) // 1 { loss: 0.41, accuracy: 0.88 } ...
 */
export function evaluate<T extends Evaluable>(
  options: EvaluateOptions<T['params'], ModelStateOf<T>>,
): MonoTypeOperatorFunction<T> {
  const { predict, loss, metrics = {}, batchSize = 256, every = 'epoch' } = checkEvaluateOptions(options)
  const set: ValidationSet<T['params'], ModelStateOf<T>> = {
    predict,
    loss,
    metrics,
    batches: validationBatches(options.data, batchSize),
    rows: options.data.x.shape[0]!,
  }
  const isDue = (snapshot: T): boolean => {
    if (every !== 'epoch') return snapshot.step % every === 0
    if (snapshot.epochEnd === undefined) {
      throw new ConfigError(
        'evaluate',
        `every 'epoch' needs snapshots that say where an epoch ends (fit with { x, y } data), ` +
          `but step ${snapshot.step} has no epochEnd; evaluate every n steps instead (every: n)`,
      )
    }
    return snapshot.epochEnd
  }
  // Unseen by any tape: a stream subscribed inside a gradient computation records nothing here.
  return map((snapshot) =>
    isDue(snapshot)
      ? Object.freeze({
          ...snapshot,
          // a run with model state has it in every snapshot; a run without one gives predict undefined
          eval: withoutTracers(() =>
            evaluateAt(set, snapshot.step, snapshot.params, snapshot.modelState as ModelStateOf<T>),
          ),
        })
      : snapshot,
  )
}

/** What an evaluation needs: the model's functions and the validation set cut into batches. */
interface ValidationSet<P extends Params, M extends Params | undefined> {
  readonly predict: (params: P, x: Tensor, context: EvaluationContext<M>) => Tensor
  readonly loss: ((labels: Tensor, predictions: Tensor) => Tensor) | undefined
  readonly metrics: Readonly<Record<string, Metric<unknown, number>>>
  readonly batches: readonly EvalBatch[]
  readonly rows: number
}

/** The loss and metrics of `params` over the whole set, at `step`, in inference mode. */
function evaluateAt<P extends Params, M extends Params | undefined>(
  set: ValidationSet<P, M>,
  step: number,
  params: P,
  state: M,
): Readonly<Record<string, number>> {
  const context = Object.freeze({ state, key: undefined, training: false as const })
  const metrics = Object.entries(set.metrics)
  const states = metrics.map(([, metric]) => metric.init())
  let lossSum = 0
  for (const batch of set.batches) {
    const predictions = call(step, 'predict', () => set.predict(params, batch.x, context))
    checkPredictions(step, predictions, batch)
    if (set.loss !== undefined) lossSum += batchLoss(step, set.loss, batch, predictions) * batch.rows
    metrics.forEach(([name, metric], i) => {
      states[i] = call(step, `metrics.${name}`, () => metric.update(states[i], batch.y, predictions))
    })
  }
  const results: [string, number][] = set.loss === undefined ? [] : [['loss', lossSum / set.rows]]
  metrics.forEach(([name, metric], i) => {
    const result = call(step, `metrics.${name}`, () => metric.result(states[i]))
    results.push([name, finite(step, `metrics.${name}`, result)])
  })
  return Object.freeze(Object.fromEntries(results))
}

/** Checks every option once, when `evaluate` is called. */
function checkEvaluateOptions<P extends Params, M extends Params | undefined>(
  options: EvaluateOptions<P, M>,
): EvaluateOptions<P, M> {
  const fn = 'evaluate'
  checkOptions(fn, options, KNOWN)
  const { data, predict, loss, metrics, batchSize, every } = options
  checkData(data)
  checkFunction(fn, 'predict', predict)
  if (loss !== undefined) checkFunction(fn, 'loss', loss)
  if (metrics !== undefined) checkMetrics(metrics, loss !== undefined)
  if (batchSize !== undefined) checkInteger(fn, 'batchSize', batchSize, 1)
  if (every !== undefined && every !== 'epoch') {
    if (typeof every !== 'number') {
      throw new ConfigError(fn, `every must be 'epoch' or an integer >= 1 (a number of steps), got ${describe(every)}`)
    }
    checkInteger(fn, 'every', every, 1)
  }
  return options
}

function checkData(data: unknown): void {
  const fn = 'evaluate'
  if (!isPlainObject(data) || !('x' in data) || !('y' in data)) {
    throw new ConfigError(fn, `data must be { x, y } tensors, got ${describe(data)}`)
  }
  checkOptions(fn, data, ['x', 'y'])
  checkTensor(fn, 'data.x', data.x)
  checkTensor(fn, 'data.y', data.y)
  const [x, y] = [data.x.shape, data.y.shape]
  if (x.length === 0 || y.length === 0 || x[0] !== y[0]) {
    throw new ShapeError(
      fn,
      `data.x and data.y need the same number of rows (first dimension): x is ${formatShape(x)}, y is ${formatShape(y)}`,
    )
  }
  if (x[0] === 0) throw new ShapeError(fn, 'the validation set has no rows')
}

function checkMetrics(metrics: unknown, hasLoss: boolean): void {
  const fn = 'evaluate'
  if (!isPlainObject(metrics)) {
    throw new ConfigError(
      fn,
      `metrics must be a record of metrics { init, update, merge, result }, got ${describe(metrics)}`,
    )
  }
  for (const [name, metric] of Object.entries(metrics)) {
    const isMetric =
      isPlainObject(metric) && ['init', 'update', 'merge', 'result'].every((key) => typeof metric[key] === 'function')
    if (!isMetric) {
      throw new ConfigError(
        fn,
        `metrics.${name} must be a metric { init, update, merge, result }, got ${describe(metric)}`,
      )
    }
  }
  if (hasLoss && 'loss' in metrics) {
    throw new ConfigError(fn, 'metrics.loss would hide the loss in eval; give the metric another name')
  }
}

/** The validation set cut once into batches of rows, in order. */
function validationBatches(data: { readonly x: Tensor; readonly y: Tensor }, batchSize: number): readonly EvalBatch[] {
  const rows = data.x.shape[0]!
  const batches: EvalBatch[] = []
  for (let first = 0; first < rows; first += batchSize) {
    const size = Math.min(batchSize, rows - first)
    batches.push({ x: rowsOf(data.x, first, size), y: rowsOf(data.y, first, size), first, rows: size })
  }
  return batches
}

function rowsOf(t: Tensor, first: number, size: number): Tensor {
  const rest = t.shape.slice(1)
  return slice(t, [first, ...rest.map(() => 0)], [size, ...rest])
}

/** Runs a user function at `step`; what it throws comes back as an EvaluationError naming the step. */
function call<R>(step: number, what: string, fn: () => R): R {
  try {
    return fn()
  } catch (error) {
    throw new EvaluationError(step, `${what} threw: ${error instanceof Error ? error.message : String(error)}`, error)
  }
}

function checkPredictions(step: number, predictions: unknown, batch: EvalBatch): asserts predictions is Tensor {
  const where = `at step ${step}, for rows ${batch.first} to ${batch.first + batch.rows - 1} of the validation set`
  if (!(predictions instanceof Tensor)) {
    throw new DTypeError('evaluate', `predict must return a Tensor, got ${describe(predictions)} ${where}`)
  }
  if (predictions.shape[0] !== batch.rows) {
    throw new ShapeError(
      'evaluate',
      `predict returned ${formatShape(predictions.shape)} ${where}; its first dimension must be the batch's ${batch.rows} rows`,
    )
  }
}

function batchLoss(
  step: number,
  loss: (labels: Tensor, predictions: Tensor) => Tensor,
  batch: EvalBatch,
  predictions: Tensor,
): number {
  const value: unknown = call(step, 'loss', () => loss(batch.y, predictions))
  const rows = `rows ${batch.first} to ${batch.first + batch.rows - 1}`
  if (!(value instanceof Tensor)) {
    throw new DTypeError('evaluate', `loss must return a Tensor, got ${describe(value)} at step ${step}, for ${rows}`)
  }
  if (value.shape.length !== 0) {
    throw new ShapeError(
      'evaluate',
      `loss must return a scalar (the batch's mean loss), got ${formatShape(value.shape)} at step ${step}, for ${rows}`,
    )
  }
  return finite(step, `the loss of ${rows}`, value.item())
}

function finite(step: number, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EvaluationError(step, `${what} is ${describe(value)}, not a finite number`)
  }
  return value
}
