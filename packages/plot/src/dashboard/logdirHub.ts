import { DistributionFeed } from './distributionFeed'
import type { LogDirectory } from './logDirectory'
import { GrowingDownsample } from './growingDownsample'
import type { MetricSeries } from './metricSeries'
import { SentSeries } from './sentSeries'
import type { SeriesDelta, SeriesView } from './sentSeries'
import { SseClient } from './sseClient'
import type { EventSink } from './sseClient'

/** One metric of one run: what the page lacks of its drawn points, and the extremes of all its points (for the best value). */
export interface SeriesEvent extends SeriesDelta {
  readonly run: string
  readonly metric: string
  readonly min: number
  readonly max: number
}

/** A run's `epoch` or `wall_time` over its steps, for the page to put them on the x axis (what the page lacks of it). */
export interface AxisEvent extends SeriesDelta {
  readonly run: string
  readonly axis: string
}

/** What one page has been sent. */
interface PageState {
  /** How many runs it was told of (runs are only ever added, in order). */
  runs: number
  /** Per run and metric or axis, the points it holds. */
  readonly series: SentSeries
  readonly warnings: Set<string>
}

/**
 * Keeps every page of a log-directory dashboard in step with the runs: new
 * runs, then what each page lacks of every series that changed since it
 * last got it: the points after those it holds that stay put, and the
 * series whole only when the downsampling re-bucketed it. A page's memory
 * stays bounded whatever the runs' length, and a page opened late or
 * reloaded gets the whole history at once. A series is downsampled once
 * per change, for all pages, at a cost that does not grow with its length
 * (GrowingDownsample).
 */
export class LogdirHub {
  readonly #pages = new Map<SseClient, PageState>()
  /** The params' distributions of the runs' events files, at most 500 steps each (TensorBoard's number). */
  readonly #distributions = new DistributionFeed(500)
  readonly #downsampled = new Map<string, { view: SeriesView | undefined; readonly sampler: GrowingDownsample }>()

  readonly #title: string
  readonly #directory: LogDirectory
  readonly #maxPoints: number

  constructor(title: string, directory: LogDirectory, maxPoints: number) {
    this.#title = title
    this.#directory = directory
    this.#maxPoints = maxPoints
  }

  connect(sink: EventSink): void {
    const client = new SseClient(sink, (drained) => this.#sync(drained))
    this.#pages.set(client, { runs: 0, series: new SentSeries(), warnings: new Set() })
    sink.once('close', () => this.#pages.delete(client))
    client.send('hello', { title: this.#title, status: 'following the log directory' })
    this.#sync(client)
  }

  /** Brings every ready page up to date. */
  syncAll(): void {
    for (const client of this.#pages.keys()) this.#sync(client)
  }

  /** Tells every page the server stopped and ends their streams. */
  closeAll(): void {
    for (const client of this.#pages.keys()) {
      if (client.ready) client.send('bye', {})
      client.end()
    }
    this.#pages.clear()
  }

  #sync(client: SseClient): void {
    const page = this.#pages.get(client)
    if (page === undefined) return
    const runs = this.#directory.runs
    for (; page.runs < runs.length && client.ready; page.runs++) {
      const run = runs[page.runs]!
      client.send('run', { id: runId(page.runs), name: run.name, hparams: run.hparams ?? null })
    }
    runs.forEach((run, index) => {
      const id = runId(index)
      for (const [axis, series] of run.axes) {
        const key = `${index}\naxis\n${axis}`
        const delta = client.ready ? page.series.delta(key, this.#downsample(key, series)) : undefined
        if (delta !== undefined) client.send('axis', { run: id, axis, ...delta } satisfies AxisEvent)
      }
      for (const [metric, series] of run.series) {
        const key = `${index}\n${metric}`
        const delta = client.ready ? page.series.delta(key, this.#downsample(key, series)) : undefined
        const { min, max } = series
        if (delta !== undefined) client.send('series', { run: id, metric, ...delta, min, max } satisfies SeriesEvent)
      }
    })
    this.#distributions.sync(client, runs, runId)
    const warnings = [
      ...this.#directory.warnings.map((message) => ({ run: null, message })),
      ...runs.flatMap((run, index) => run.warnings.map((message) => ({ run: runId(index), message }))),
    ]
    for (const warning of warnings) {
      const key = `${warning.run}\n${warning.message}`
      if (!client.ready || page.warnings.has(key)) continue
      client.send('warning', warning)
      page.warnings.add(key)
    }
  }

  #downsample(key: string, series: MetricSeries): SeriesView {
    let cached = this.#downsampled.get(key)
    if (cached === undefined) {
      cached = { view: undefined, sampler: new GrowingDownsample(this.#maxPoints) }
      this.#downsampled.set(key, cached)
    }
    if (cached.view !== undefined && cached.view.version === series.version) return cached.view
    const { steps, values, version } = series
    const { indices, stable, epoch } = cached.sampler.view(series)
    cached.view = {
      steps: indices.map((i) => steps[i]!),
      values: indices.map((i) => values[i]!),
      stable,
      epoch,
      version,
    }
    return cached.view
  }
}

const runId = (index: number) => `run${index}`
