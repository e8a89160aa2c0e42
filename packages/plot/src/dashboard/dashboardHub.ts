import type { Point } from '../series/lineSeries'
import type { DashboardSnapshot } from './dashboardOptions'
import type { RunRecorder } from './runRecorder'
import { SentSeries } from './sentSeries'
import { SseClient } from './sseClient'
import type { EventSink } from './sseClient'

/** What a page learns first: the title, what it says while connected, and the classifier's data. */
export interface DashboardHello {
  readonly title: string
  readonly status: string
  readonly classifier?: {
    readonly points: readonly Point[]
    readonly labels: readonly number[]
    readonly colors: readonly string[]
    readonly x: readonly [number, number]
    readonly y: readonly [number, number]
  }
}

/** What one page has been sent, per run. */
interface PageState {
  readonly series: SentSeries
  /** The step of the last boundary sent. */
  readonly boundaries: Map<string, number>
  readonly warnings: Set<string>
  /** The runs whose end it was told. */
  readonly ended: Set<string>
}

/**
 * Keeps every connected page in step with the runs, in the log-directory
 * dashboard's events (one client for both servers): the runs first, then
 * what the page has not yet seen of each metric's series (the points after
 * those it holds that stay put; the series whole when the history was
 * thinned), a newer boundary, warnings and a run's end. A page opened
 * mid-run gets the history first, and a page that fell behind catches up
 * in one go.
 */
export class DashboardHub<T extends DashboardSnapshot> {
  readonly #pages = new Map<SseClient, PageState>()
  readonly #hello: DashboardHello
  readonly #runs: readonly RunRecorder<T>[]

  constructor(hello: DashboardHello, runs: readonly RunRecorder<T>[]) {
    this.#hello = hello
    this.#runs = runs
  }

  get clientCount(): number {
    return this.#pages.size
  }

  /** Every run has ended. */
  get finished(): boolean {
    return this.#runs.every((run) => run.state !== 'running')
  }

  /** A new page: the hello and the runs, then the history; the stream ends at once if every run is over. */
  connect(sink: EventSink): void {
    const client = new SseClient(sink, (drained) => this.sync(drained))
    this.#pages.set(client, { series: new SentSeries(), boundaries: new Map(), warnings: new Set(), ended: new Set() })
    sink.once('close', () => this.#pages.delete(client))
    client.send('hello', this.#hello)
    // a few small events, written even if the first fills the socket's buffer
    for (const { id, name } of this.#runs) client.send('run', { id, name, hparams: null })
    this.sync(client)
  }

  /** Brings every ready page up to date. */
  syncAll(): void {
    for (const client of this.#pages.keys()) this.sync(client)
  }

  /** Sends `event` to every page and ends their streams (the page stops reconnecting). */
  closeAll(event: 'end' | 'bye'): void {
    for (const client of this.#pages.keys()) {
      if (client.ready) client.send(event, {})
      client.end()
    }
    this.#pages.clear()
  }

  sync(client: SseClient): void {
    const page = this.#pages.get(client)
    if (page === undefined) return
    for (const run of this.#runs) {
      if (!client.ready) return
      this.#syncRun(client, page, run)
    }
    if (client.ready && this.finished) {
      client.send('end', {})
      client.end()
      this.#pages.delete(client)
    }
  }

  #syncRun(client: SseClient, page: PageState, run: RunRecorder<T>): void {
    for (const [metric, series] of run.series()) {
      const delta = client.ready ? page.series.delta(`${run.id}\n${metric}`, series) : undefined
      if (delta !== undefined)
        client.send('series', { run: run.id, metric, ...delta, min: series.min, max: series.max })
    }
    const boundary = run.boundary
    if (client.ready && boundary !== undefined && boundary.step !== page.boundaries.get(run.id)) {
      client.send('boundary', { run: run.id, step: boundary.step, lines: boundary.lines })
      page.boundaries.set(run.id, boundary.step)
    }
    for (const warning of run.warnings) {
      const key = `${run.id}\n${warning}`
      if (!client.ready || page.warnings.has(key)) continue
      client.send('warning', { run: run.id, message: warning })
      page.warnings.add(key)
    }
    if (client.ready && run.state !== 'running' && !page.ended.has(run.id)) {
      client.send('status', { run: run.id, state: run.state, step: run.step, message: run.message ?? null })
      page.ended.add(run.id)
    }
  }
}
