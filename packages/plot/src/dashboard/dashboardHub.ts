import type { Point } from '../series/lineSeries'
import type { DashboardSnapshot } from './dashboardOptions'
import type { RunRecorder } from './runRecorder'
import { SseClient } from './sseClient'
import type { EventSink } from './sseClient'

/** What a page learns first: the runs and the classifier's data. */
export interface DashboardHello {
  readonly title: string
  readonly runs: readonly { readonly id: string; readonly name: string }[]
  readonly classifier?: {
    readonly points: readonly Point[]
    readonly labels: readonly number[]
    readonly colors: readonly string[]
    readonly x: readonly [number, number]
    readonly y: readonly [number, number]
  }
}

/**
 * Keeps every connected page in step with the runs: `sync` sends a page
 * whatever it has not yet seen (new points, a newer boundary, a run's end,
 * warnings), so a page opened mid-run gets the history first, and a page
 * that fell behind catches up in one go.
 */
export class DashboardHub<T extends DashboardSnapshot> {
  readonly #clients = new Set<SseClient>()

  constructor(
    private readonly hello: DashboardHello,
    private readonly runs: readonly RunRecorder<T>[],
  ) {}

  get clientCount(): number {
    return this.#clients.size
  }

  /** Every run has ended. */
  get finished(): boolean {
    return this.runs.every((run) => run.state !== 'running')
  }

  /** A new page: the hello, then the history; the stream ends at once if every run is over. */
  connect(sink: EventSink): void {
    const client = new SseClient(sink, (drained) => this.sync(drained))
    this.#clients.add(client)
    sink.once('close', () => this.#clients.delete(client))
    client.send('hello', this.hello)
    this.sync(client)
  }

  /** Brings every ready page up to date. */
  syncAll(): void {
    for (const client of this.#clients) this.sync(client)
  }

  /** Sends `event` to every page and ends their streams (the page stops reconnecting). */
  closeAll(event: 'end' | 'bye'): void {
    for (const client of this.#clients) {
      if (client.ready) client.send(event, {})
      client.end()
    }
    this.#clients.clear()
  }

  sync(client: SseClient): void {
    for (const run of this.runs) {
      if (!client.ready) return
      this.#syncRun(client, run)
    }
    if (client.ready && this.finished) {
      client.send('end', {})
      client.end()
      this.#clients.delete(client)
    }
  }

  #syncRun(client: SseClient, run: RunRecorder<T>): void {
    const points = run.pointsAfter(client.sentStep.get(run.id) ?? -Infinity)
    if (points.length > 0) {
      client.send('points', { run: run.id, points: points.map(({ step, value }) => ({ step, ...value })) })
      client.sentStep.set(run.id, points.at(-1)!.step)
    }
    const evals = client.ready ? run.evalPointsAfter(client.sentEvalStep.get(run.id) ?? -Infinity) : []
    if (evals.length > 0) {
      client.send('eval', { run: run.id, points: evals })
      client.sentEvalStep.set(run.id, evals.at(-1)!.step)
    }
    const boundary = run.boundary
    if (client.ready && boundary !== undefined && boundary.step !== client.sentBoundary.get(run.id)) {
      client.send('boundary', { run: run.id, step: boundary.step, lines: boundary.lines })
      client.sentBoundary.set(run.id, boundary.step)
    }
    for (const warning of run.warnings) {
      const key = `${run.id}\n${warning}`
      if (!client.ready || client.sentWarnings.has(key)) continue
      client.send('warning', { run: run.id, message: warning })
      client.sentWarnings.add(key)
    }
    if (client.ready && run.state !== 'running' && !client.sentEnd.has(run.id)) {
      client.send('status', { run: run.id, state: run.state, step: run.step, message: run.message ?? null })
      client.sentEnd.add(run.id)
    }
  }
}
