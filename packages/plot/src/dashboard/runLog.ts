import { isPlainObject } from '@gradstream/core'
import type { TensorBoardEvent } from '@gradstream/logs'
import { DistributionSeries } from './distributionSeries'
import { compressHistogram } from './histogramDistribution'
import { MetricSeries } from './metricSeries'
import { WarningList } from './warningList'

/** Fields of a step record that are not metrics. */
const NOT_METRICS = new Set(['type', 'step', 'epoch', 'wall_time'])
/** Fields of a step record that can stand for the step on a chart's x axis. */
const AXES = ['epoch', 'wall_time'] as const
/** How JSON Lines logs write the numbers JSON lacks (protobuf's JSON mapping). */
const NON_FINITE: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }

/**
 * One run of a log directory: the metrics of the `jsonlLog` file it was
 * read from (`loss`, `loss/<term>`, `learning_rate`, `eval/<name>`), each a
 * series of (step, value), and its hyper-parameters. Lines that are not
 * records of that format become warnings naming the file and line; the run
 * goes on. NaN and infinities are left out of the series (they cannot be
 * drawn, least of all on a log axis).
 *
 * The TensorBoard events files of the run's folder add the params'
 * distributions (from their histograms), and, for a run that has no JSON
 * Lines file (`scalarsFromEvents`), its scalars, `epoch` and wall times and
 * hyper-parameters too: a run logged in both formats takes its scalars from
 * the JSON Lines file, which holds them in float64 where events hold float32.
 */
export class RunLog {
  readonly series = new Map<string, MetricSeries>()
  /**
   * The x axes other than the step, as series over the step: `wall_time` of
   * every step record that has one, and `epoch` at the first step of each
   * epoch (where it changes).
   */
  readonly axes = new Map<string, MetricSeries>()
  /** Per histogram tag of the events files (`params/<path>`), its distribution over the steps. */
  readonly distributions = new Map<string, DistributionSeries>()
  hparams: Readonly<Record<string, unknown>> | undefined
  readonly #warnings = new WarningList()
  #lineNumber = 0

  /** `file` is the log file's path as the warnings name it. */
  constructor(
    readonly name: string,
    readonly file: string,
    readonly scalarsFromEvents = false,
  ) {}

  get warnings(): readonly string[] {
    return this.#warnings.items
  }

  /** Adds whole lines of the file, in order (a line cut short at the file's end waits for its newline). */
  addLines(text: string): void {
    for (let start = 0; start <= text.length; ) {
      const newline = text.indexOf('\n', start)
      const end = newline < 0 ? text.length : newline
      this.#lineNumber++
      const line = text.slice(start, end)
      if (line.trim() !== '') this.#addLine(line)
      start = end + 1
    }
  }

  /** Adds the events of a TensorBoard events file of the run, in file order. */
  addEvents(events: readonly TensorBoardEvent[]): void {
    for (const event of events) {
      for (const { tag, histogram } of event.histograms) {
        let series = this.distributions.get(tag)
        if (series === undefined) {
          series = new DistributionSeries()
          this.distributions.set(tag, series)
        }
        series.push(event.step, compressHistogram(histogram))
      }
      if (!this.scalarsFromEvents) continue
      if (event.hparams !== undefined) this.hparams ??= event.hparams
      if (event.scalars.length > 0) this.#addScalars(event)
    }
  }

  /**
   * TF1 writes an event per summary call, so one step may span several events: the wall time is kept at its first,
   * and a tag logged again at the same step replaces its value (MetricSeries drops the earlier one).
   */
  #addScalars({ step, wallTime, scalars }: TensorBoardEvent): void {
    const wallTimes = this.#series(this.axes, 'wall_time')
    // a step before the last is a restarted run: MetricSeries drops the later points
    if (wallTimes.length === 0 || step !== wallTimes.steps[wallTimes.length - 1]) wallTimes.push(step, wallTime)
    for (const { tag, value } of scalars) {
      if (!Number.isFinite(value)) continue
      if (tag !== 'epoch') this.#series(this.series, tag).push(step, value)
      else {
        const epochs = this.#series(this.axes, 'epoch')
        if (epochs.length === 0 || epochs.values[epochs.length - 1] !== value) epochs.push(step, value)
      }
    }
  }

  /** Starts the line count again: the file was replaced by a shorter one and is read from its start. */
  restart(): void {
    this.#lineNumber = 0
  }

  #addLine(line: string): void {
    let record: unknown
    try {
      record = JSON.parse(line)
    } catch {
      this.#warn('is not JSON')
      return
    }
    if (!isPlainObject(record)) return this.#warn('is not a JSON object')
    if (record.type === 'hparams') {
      if (isPlainObject(record.hparams)) this.hparams = record.hparams
      return
    }
    if (record.type !== 'step') return // a record type of a newer logger: not charted
    const step = record.step
    if (typeof step !== 'number' || !Number.isFinite(step)) return this.#warn('has no numeric step')
    for (const axis of AXES) {
      const value = record[axis]
      if (typeof value !== 'number' || !Number.isFinite(value)) continue
      const series = this.#series(this.axes, axis)
      // an epoch is kept where it changes (its first step): the page places the steps between proportionally
      if (axis === 'epoch' && series.length > 0 && series.lastValue === value) continue
      series.push(step, value)
    }
    // for...in rather than Object.entries: no array per field, on the path every line of the first read takes
    for (const name in record) {
      if (NOT_METRICS.has(name)) continue
      const raw = record[name]
      const value = typeof raw === 'string' ? NON_FINITE[raw] : raw
      if (typeof value !== 'number') continue // text fields are not charted
      if (Number.isFinite(value)) this.#series(this.series, name).push(step, value)
    }
  }

  #series(map: Map<string, MetricSeries>, name: string): MetricSeries {
    let series = map.get(name)
    if (series === undefined) {
      series = new MetricSeries()
      map.set(name, series)
    }
    return series
  }

  #warn(problem: string): void {
    this.#warnings.add(`${this.file}: line ${this.#lineNumber} ${problem}, skipped`)
  }
}
