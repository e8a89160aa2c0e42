import { describe, isPlainObject } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { decisionBoundary } from '../figure/decisionBoundary'
import type { ContourLine } from '../figure/contourLines'
import { isNamedNumbers } from '../series/lineSeries'
import { StepSampler } from '../series/stepSampler'
import type { Sample } from '../series/stepSampler'
import type { DashboardOptions, DashboardSnapshot } from './dashboardOptions'
import { WarningList } from './warningList'

/** One point of a run as the page receives it (non-finite numbers travel as null in JSON). */
export interface DashboardPoint {
  readonly loss: number
  readonly losses: Readonly<Record<string, number>>
  readonly learningRate: number | null
  readonly params: Readonly<Record<string, number>>
}

/** The validation results of one evaluated step (non-finite numbers travel as null in JSON). */
export interface EvalPoint {
  readonly step: number
  readonly values: Readonly<Record<string, number | null>>
}

export type RunState = 'running' | 'done' | 'failed'

/**
 * What the dashboard knows of one run: a thinned history of points, the
 * latest snapshot, the last decision boundary and how the run ended. Its
 * `record` runs on every training step, so it only keeps a reference and
 * lets the sampler decide whether to read anything.
 */
export class RunRecorder<T extends DashboardSnapshot> {
  readonly #sampler: StepSampler<DashboardPoint>
  /** Evaluations are few and come at steps the point sampler may thin away, so they are kept apart, thinned by count. */
  readonly #evals: StepSampler<EvalPoint>
  #evalCount = 0
  #latest: T | undefined
  state: RunState = 'running'
  message: string | undefined
  boundary: { readonly step: number; readonly lines: readonly ContourLine[] } | undefined
  /** Problems with the dashboard's own callbacks (`params`, `predict`); training goes on regardless. */
  readonly #warnings = new WarningList()

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly options: DashboardOptions<T>,
  ) {
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
    this.#sampler.offer(snapshot.step, () => this.#point(snapshot))
    const results = snapshot.eval
    if (results !== undefined) {
      this.#evals.offer(this.#evalCount++, () => ({ step: snapshot.step, values: this.#evalValues(results) }))
    }
  }

  /** The evaluations after `step`, ending at the latest. */
  evalPointsAfter(step: number): readonly EvalPoint[] {
    return this.#evals
      .samples()
      .map((sample) => sample.value)
      .filter((point) => point.step > step)
  }

  /** The history after `step`, ending at the latest snapshot. */
  pointsAfter(step: number): readonly Sample<DashboardPoint>[] {
    return this.#sampler.samples().filter((sample) => sample.step > step)
  }

  /** Recomputes the decision boundary when `everySteps` have passed since the last (or `force`); true if it changed. */
  refreshBoundary(force: boolean): boolean {
    const classifier = this.options.classifier
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

  #point(snapshot: T): DashboardPoint {
    const params = this.options.params
    const rate = snapshot.learningRate
    return {
      loss: snapshot.loss,
      losses: snapshot.losses ?? {},
      learningRate: typeof rate === 'number' && Number.isFinite(rate) ? rate : null,
      params: params === undefined ? {} : (this.#guard('params', () => checkedParams(params(snapshot))) ?? {}),
    }
  }

  /** The results as named numbers; anything else becomes a warning and is left out. */
  #evalValues(results: unknown): Readonly<Record<string, number | null>> {
    if (!isPlainObject(results)) {
      this.#warn(`eval must be an object of numbers, got ${describe(results)}`)
      return {}
    }
    const values: Record<string, number | null> = {}
    for (const [name, value] of Object.entries(results)) {
      if (typeof value === 'number') values[name] = Number.isFinite(value) ? value : null
      else this.#warn(`eval.${name} must be a number, got ${describe(value)}`)
    }
    return values
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
