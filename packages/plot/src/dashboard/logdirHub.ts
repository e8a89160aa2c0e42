import { DistributionFeed } from './distributionFeed'
import type { LogDirectory } from './logDirectory'
import { GrowingDownsample } from './growingDownsample'
import type { MetricSeries } from './metricSeries'
import { SseClient } from './sseClient'
import type { EventSink } from './sseClient'

/** Points of one run chosen by MinMaxLTTB, at most `maxPoints`. */
interface Downsampled {
  readonly steps: readonly number[]
  readonly values: readonly number[]
}

/** One metric of one run as a page draws it, with the extremes of all its points (for the best value). */
export interface SeriesEvent extends Downsampled {
  readonly run: string
  readonly metric: string
  readonly min: number
  readonly max: number
}

/** A run's `epoch` or `wall_time` over its steps, for the page to put them on the x axis. */
export interface AxisEvent extends Downsampled {
  readonly run: string
  readonly axis: string
}

/** What one page has been sent. */
interface PageState {
  /** How many runs it was told of (runs are only ever added, in order). */
  runs: number
  /** Per run and metric, the version of the series it last got. */
  readonly versions: Map<string, number>
  readonly warnings: Set<string>
}

/**
 * Keeps every page of a log-directory dashboard in step with the runs: new
 * runs, then every series that changed since the page last got it, whole
 * but downsampled, so a page's memory stays bounded whatever the runs'
 * length, and a page opened late or reloaded gets the whole history at once.
 * A series is downsampled once per change, for all pages, at a cost that
 * does not grow with its length (GrowingDownsample).
 */
export class LogdirHub {
  readonly #pages = new Map<SseClient, PageState>()
  /** The params' distributions of the runs' events files, at most 500 steps each (TensorBoard's number). */
  readonly #distributions = new DistributionFeed(500)
  readonly #downsampled = new Map<
    string,
    { version: number; points: Downsampled | undefined; readonly sampler: GrowingDownsample }
  >()

  constructor(
    private readonly title: string,
    private readonly directory: LogDirectory,
    private readonly maxPoints: number,
  ) {}

  connect(sink: EventSink): void {
    const client = new SseClient(sink, (drained) => this.#sync(drained))
    this.#pages.set(client, { runs: 0, versions: new Map(), warnings: new Set() })
    sink.once('close', () => this.#pages.delete(client))
    client.send('hello', { title: this.title, runs: [], overlay: true })
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
    const runs = this.directory.runs
    for (; page.runs < runs.length && client.ready; page.runs++) {
      const run = runs[page.runs]!
      client.send('run', { id: runId(page.runs), name: run.name, hparams: run.hparams ?? null })
    }
    runs.forEach((run, index) => {
      const id = runId(index)
      for (const [axis, series] of run.axes) {
        const key = `${index}\naxis\n${axis}`
        if (!client.ready || page.versions.get(key) === series.version) continue
        const event: AxisEvent = { run: id, axis, ...this.#downsample(key, series) }
        client.send('axis', event)
        page.versions.set(key, series.version)
      }
      for (const [metric, series] of run.series) {
        const key = `${index}\n${metric}`
        if (!client.ready || page.versions.get(key) === series.version) continue
        const { min, max } = series
        const event: SeriesEvent = { run: id, metric, ...this.#downsample(key, series), min, max }
        client.send('series', event)
        page.versions.set(key, series.version)
      }
    })
    this.#distributions.sync(client, runs, runId)
    const warnings = [
      ...this.directory.warnings.map((message) => ({ run: null, message })),
      ...runs.flatMap((run, index) => run.warnings.map((message) => ({ run: runId(index), message }))),
    ]
    for (const warning of warnings) {
      const key = `${warning.run}\n${warning.message}`
      if (!client.ready || page.warnings.has(key)) continue
      client.send('warning', warning)
      page.warnings.add(key)
    }
  }

  #downsample(key: string, series: MetricSeries): Downsampled {
    let cached = this.#downsampled.get(key)
    if (cached === undefined) {
      cached = { version: -1, points: undefined, sampler: new GrowingDownsample(this.maxPoints) }
      this.#downsampled.set(key, cached)
    }
    if (cached.points !== undefined && cached.version === series.version) return cached.points
    const { steps, values } = series
    const kept = cached.sampler.indices(series)
    cached.points = { steps: kept.map((i) => steps[i]!), values: kept.map((i) => values[i]!) }
    cached.version = series.version
    return cached.points
  }
}

const runId = (index: number) => `run${index}`
