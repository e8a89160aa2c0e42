import { describe, isPlainObject } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { decisionBoundary } from '../figure/decisionBoundary'
import type { ContourLine } from '../figure/contourLines'
import { isNamedNumbers } from '../series/lineSeries'
import { StepSampler } from '../series/stepSampler'
import type { Sample } from '../series/stepSampler'
import type { DashboardOptions, DashboardSnapshot } from './dashboardOptions'
import type { SeriesView } from './sentSeries'
import { WarningList } from './warningList'

/** The numbers charted from one kept step, by metric name: `loss`, `loss/<term>`, `learning_rate`, `params/<name>`. */
type DashboardPoint = Readonly<Record<string, number>>

/** The validation results of one evaluated step. */
interface EvalPoint {
  readonly step: number
  readonly values: Readonly<Record<string, number>>
}

/** One metric of a run as the page draws it, with the extremes of its points (for the best value). */
export interface RecordedSeries extends SeriesView {
  readonly min: number
  readonly max: number
}

export type RunState = 'running' | 'done' | 'failed'

/**
 * What the dashboard knows of one run: a thinned history of points, the
 * latest snapshot, the last decision boundary and how the run ended. Its
 * `record` runs on every training step, so it only keeps a reference and
 * lets the sampler decide whether to read anything. The history reaches
 * pages as one series per metric, named as `jsonlLog` of `@gradstream/logs`
 * names them (`loss`, `loss/<term>`, `learning_rate`, `eval/<name>`; chosen
 * numbers as `params/<name>`), so a run looks the same live and from its log.
 */
export class RunRecorder<T extends DashboardSnapshot> {
  readonly #sampler: StepSampler<DashboardPoint>
  /** Evaluations are few and come at steps the point sampler may thin away, so they are kept apart, thinned by count. */
  readonly #evals: StepSampler<EvalPoint>
  readonly #pointsThinned = new ThinningWatch()
  readonly #evalsThinned = new ThinningWatch()
  #evalCount = 0
  #records = 0
  #series: { readonly records: number; readonly series: ReadonlyMap<string, RecordedSeries> } | undefined
  #latest: T | undefined
  state: RunState = 'running'
  message: string | undefined
  boundary: { readonly step: number; readonly lines: readonly ContourLine[] } | undefined
  /** Problems with the dashboard's own callbacks (`params`, `predict`); training goes on regardless. */
  readonly #warnings = new WarningList()

  readonly #options: DashboardOptions<T>

  constructor(
    readonly id: string,
    readonly name: string,
    options: DashboardOptions<T>,
  ) {
    this.#options = options
    this.#sampler = new StepSampler(options.maxPoints ?? 2000)
    this.#evals = new StepSampler(options.maxPoints ?? 2000)
  }

  get warnings(): readonly string[] {
    return this.#warnings.items
  }

  get step(): number {
    return this.#latest?.step ?? 0
  }

  record(snapshot: T): void {
    this.#latest = snapshot
    this.#records++
    this.#sampler.offer(snapshot.step, () => this.#point(snapshot))
    const results = snapshot.eval
    if (results !== undefined) {
      this.#evals.offer(this.#evalCount++, () => ({ step: snapshot.step, values: this.#evalValues(results) }))
    }
  }

  /** Every metric's kept points, ending at the latest step; computed once per recorded step, for all pages. */
  series(): ReadonlyMap<string, RecordedSeries> {
    if (this.#series?.records === this.#records) return this.#series.series
    const series = new Map<string, RecordedSeries>()
    const points = this.#sampler.samples()
    addSeries(series, points, this.#pointsThinned.epoch(points), this.#records, (sample) => [sample.step, sample.value])
    const evals = this.#evals.samples()
    addSeries(series, evals, this.#evalsThinned.epoch(evals), this.#records, ({ value }) => [
      value.step,
      prefixed('eval/', value.values),
    ])
    this.#series = { records: this.#records, series }
    return series
  }

  /** Recomputes the decision boundary when `everySteps` have passed since the last (or `force`); true if it changed. */
  refreshBoundary(force: boolean): boolean {
    const classifier = this.#options.classifier
    const latest = this.#latest
    if (classifier === undefined || latest === undefined || latest.step === this.boundary?.step) return false
    if (!force && latest.step - (this.boundary?.step ?? -Infinity) < (classifier.everySteps ?? 500)) return false
    const predict = (points: Tensor) => classifier.predict(latest, points)
    const lines = this.#guard('predict', () =>
      decisionBoundary(predict, { ...classifier.region, level: classifier.level }),
    )
    if (lines === undefined) return false
    this.boundary = { step: latest.step, lines }
    return true
  }

  finish(state: Exclude<RunState, 'running'>, message?: string): void {
    this.state = state
    this.message = message
  }

  /** The numbers of a kept step, as `loggedValues` of `@gradstream/logs` names them; what is not finite is left out. */
  #point(snapshot: T): DashboardPoint {
    const point: Record<string, number> = { loss: snapshot.loss }
    const losses = snapshot.losses ?? {}
    const terms = Object.keys(losses)
    // a loss of one term named 'loss' is the loss itself
    if (!(terms.length === 1 && terms[0] === 'loss')) Object.assign(point, prefixed('loss/', losses))
    if (snapshot.learningRate !== undefined) point['learning_rate'] = snapshot.learningRate
    const params = this.#options.params
    const picked = params === undefined ? {} : (this.#guard('params', () => checkedParams(params(snapshot))) ?? {})
    return finite({ ...point, ...prefixed('params/', picked) })
  }

  /** The results as named numbers; anything else becomes a warning and is left out, as are NaN and infinities. */
  #evalValues(results: unknown): Readonly<Record<string, number>> {
    if (!isPlainObject(results)) {
      this.#warn(`eval must be an object of numbers, got ${describe(results)}`)
      return {}
    }
    const values: Record<string, number> = {}
    for (const [name, value] of Object.entries(results)) {
      if (typeof value === 'number') values[name] = value
      else this.#warn(`eval.${name} must be a number, got ${describe(value)}`)
    }
    return finite(values)
  }

  /** Runs a user callback; a throw becomes a warning (reported once) instead of an error in the training stream. */
  #guard<R>(name: string, callback: () => R): R | undefined {
    try {
      return callback()
    } catch (error) {
      this.#warn(`${name} failed: ${error instanceof Error ? error.message : String(error)}`)
      return undefined
    }
  }

  #warn(text: string): void {
    this.#warnings.add(text)
  }
}

/** What `params` returned, if it is named numbers; anything else becomes a warning. */
function checkedParams(picked: unknown): Readonly<Record<string, number>> {
  if (isNamedNumbers(picked)) return picked
  throw new Error(`it must return an object of numbers, got ${describe(picked)}`)
}

/** `values` with each name prefixed. */
function prefixed(prefix: string, values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [prefix + name, value]))
}

/** The finite ones of `values`: NaN and infinities cannot be drawn, least of all on a log axis (as a log directory's runs). */
function finite(values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => Number.isFinite(value)))
}

/**
 * Adds to `series` the metrics of `samples` (`read` gives a sample's step and numbers). All samples but the
 * last stay put until the sampler thins them (a new epoch): the last may be the run's latest step, read again.
 */
function addSeries<V>(
  series: Map<string, RecordedSeries>,
  samples: readonly Sample<V>[],
  epoch: number,
  version: number,
  read: (sample: Sample<V>) => readonly [number, Readonly<Record<string, number>>],
): void {
  const columns = new Map<string, { steps: number[]; values: number[]; stable: number; min: number; max: number }>()
  samples.forEach((sample, i) => {
    const [step, numbers] = read(sample)
    for (const [metric, value] of Object.entries(numbers)) {
      let column = columns.get(metric)
      if (column === undefined) {
        column = { steps: [], values: [], stable: 0, min: Infinity, max: -Infinity }
        columns.set(metric, column)
      }
      column.steps.push(step)
      column.values.push(value)
      if (i < samples.length - 1) column.stable++
      column.min = Math.min(column.min, value)
      column.max = Math.max(column.max, value)
    }
  })
  for (const [metric, column] of columns) series.set(metric, { ...column, epoch, version })
}

/**
 * Tells when a StepSampler thinned the samples a page may hold. Between two
 * reads, the sampler only appends samples or drops some (every other one,
 * when its stride doubles); so if the sample at the last stable position of
 * the previous read is still there, every sample before it is too, and the
 * epoch stays. Otherwise the samples were thinned: a new epoch.
 */
class ThinningWatch {
  #epoch = 0
  #stable = 0
  #lastStableStep = NaN

  /** The epoch of `samples`, whose first `samples.length - 1` are stable. */
  epoch(samples: readonly Sample<unknown>[]): number {
    if (this.#stable > 0 && samples[this.#stable - 1]?.step !== this.#lastStableStep) this.#epoch++
    this.#stable = Math.max(samples.length - 1, 0)
    this.#lastStableStep = samples[this.#stable - 1]?.step ?? NaN
    return this.#epoch
  }
}
