import { isPlainObject } from '@gradstream/core'
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
 */
export class RunLog {
  readonly series = new Map<string, MetricSeries>()
  /**
   * The x axes other than the step, as series over the step: `wall_time` of
   * every step record that has one, and `epoch` at the first step of each
   * epoch (where it changes).
   */
  readonly axes = new Map<string, MetricSeries>()
  hparams: Readonly<Record<string, unknown>> | undefined
  readonly #warnings = new WarningList()
  #lineNumber = 0

  /** `file` is the log file's path as the warnings name it. */
  constructor(
    readonly name: string,
    readonly file: string,
  ) {}

  get warnings(): readonly string[] {
    return this.#warnings.items
  }

  /** Adds whole lines of the file, in order (a line cut short at the file's end waits for its newline). */
  addLines(text: string): void {
    for (const line of text.split('\n')) {
      this.#lineNumber++
      if (line.trim() !== '') this.#addLine(line)
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
      if (axis === 'epoch' && series.length > 0 && series.values[series.length - 1] === value) continue
      series.push(step, value)
    }
    for (const [name, raw] of Object.entries(record)) {
      if (NOT_METRICS.has(name)) continue
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
