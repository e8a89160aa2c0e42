import { auditTime, tap } from 'rxjs'
import type { Observable } from 'rxjs'
import { rdBu } from '../figure/palette'
import { toLabels, toPoints } from '../figure/scatterData'
import { DashboardHub } from './dashboardHub'
import type { DashboardHello } from './dashboardHub'
import { checkDashboardOptions, namedRuns } from './dashboardOptions'
import { startDashboardServer } from './dashboardServer'
import type { DashboardClassifier, DashboardOptions, DashboardSnapshot } from './dashboardOptions'
import { RunRecorder } from './runRecorder'
import type { RunState } from './runRecorder'

/** How one run ended. */
export interface RunSummary {
  readonly name: string
  readonly state: Exclude<RunState, 'running'>
  readonly step: number
  readonly message?: string
}

/** A running dashboard server. */
export interface Dashboard {
  /** The page's address, e.g. `http://127.0.0.1:43117/`. */
  readonly url: string
  readonly port: number
  /** Resolves when every run has ended (completed or failed), with how each ended. */
  readonly done: Promise<readonly RunSummary[]>
  /** Stops the server and ends open pages' streams. Training goes on: the runs end on their own. */
  close(): Promise<void>
}

/**
 * Serves a live dashboard of one or more training runs on a local HTTP
 * server, with the page of `serveLogdir` (one client, one update protocol):
 * one chart per metric with the runs overlaid (the loss, each loss term,
 * the learning rate, each evaluation result of `snapshot.eval`, each number
 * `params` picks as `params/<name>`), a legend that toggles runs, hover
 * readouts, drag to zoom, smoothing, CSV and JSON downloads, a metric
 * constant in every run (a fixed learning rate) as a one-line note, and a
 * table of the runs with the final and best value of a metric; for a 2-D
 * classifier, a panel per run with the data and its decision boundary.
 * Updates go out over Server-Sent Events and carry only the points a page
 * lacks: those after the points it holds that stay put, and a run's whole
 * history only when its thinning doubled its stride.
 *
 * It subscribes once to each stream and keeps a thinned history (at most
 * `maxPoints` steps, evenly spaced, and the latest), so a page opened mid-run sees everything so far. Training never waits for it: each
 * step costs a reference copy, pages get new points every `flushMs`, and a
 * slow page is skipped until it catches up. Closing a page or the server
 * leaves training alone; when every run ends, pages get the end and their
 * streams close. Use a batch stream that yields (`batching: { yieldEveryMs: 50 }`)
 * so the server can answer while training runs.
 *
 * Nothing a client sends can end the process: every request gets an answer,
 * and a malformed one a 4xx (400 for a target that is not a path, 403 for a
 * `Host` header other than the server's own names, 405 for a method other
 * than GET). Arguments are checked when it is called: a bad one rejects the
 * returned promise with a `ConfigError` (or a `ShapeError` for classifier
 * data of the wrong shape) before the server starts; it never throws.
 *
 * @example
 * const page$ = new Subject<Snapshot<Params>>() // fed by a branch of the run
 * const dashboard = await serveDashboard({ 'no L2': page$ }, { port: 8080 })
 * console.log(`open ${dashboard.url}`)
 * await runTraining(fit({ ...config, steps: 40000, batching: { order: 'full', yieldEveryMs: 50 } }), [tap(page$)])
 * await dashboard.done // how the run ended
 * await dashboard.close() // until then the page stays up
 */
export async function serveDashboard<T extends DashboardSnapshot>(
  runs: Observable<T> | Readonly<Record<string, Observable<T>>>,
  options: DashboardOptions<T> = {},
): Promise<Dashboard> {
  const named = namedRuns<T>(runs)
  checkDashboardOptions(options)
  const { port = 0, host = '127.0.0.1', title = 'gradstream', flushMs = 250, classifier } = options
  const classifierData = classifier && classifierHello(classifier)
  const recorders = named.map(([name], i) => new RunRecorder<T>(`run${i}`, name, options))
  const hello = { title, status: 'training…', ...(classifierData === undefined ? {} : { classifier: classifierData }) }
  const hub = new DashboardHub(hello, recorders)
  const server = await startDashboardServer('serveDashboard', { port, host }, (sink) => hub.connect(sink))
  const state = { closed: false }
  const done = Promise.all(named.map(([, step$], i) => watch(step$, recorders[i]!, hub, flushMs, state)))
  return {
    url: server.url,
    port: server.port,
    done,
    close: () => {
      state.closed = true
      hub.closeAll('bye')
      return server.stop()
    },
  }
}

/** Subscribes the recorder to a run and pushes to the pages on a sampled clock; resolves when the run ends. */
function watch<T extends DashboardSnapshot>(
  step$: Observable<T>,
  recorder: RunRecorder<T>,
  hub: DashboardHub<T>,
  flushMs: number,
  state: { readonly closed: boolean },
): Promise<RunSummary> {
  const flush = (final: boolean) => {
    if (state.closed) return
    recorder.refreshBoundary(final)
    hub.syncAll()
  }
  return new Promise((resolve) => {
    const end = (outcome: Exclude<RunState, 'running'>, message?: string) => {
      recorder.finish(outcome, message)
      flush(true)
      resolve({
        name: recorder.name,
        state: outcome,
        step: recorder.step,
        ...(message === undefined ? {} : { message }),
      })
    }
    step$
      .pipe(
        tap((snapshot) => recorder.record(snapshot)),
        auditTime(flushMs),
      )
      .subscribe({
        next: () => flush(false),
        error: (error: unknown) => end('failed', error instanceof Error ? error.message : String(error)),
        complete: () => end('done'),
      })
  })
}

/** The classifier's data as the page draws it: points, labels, their colours and the region. */
function classifierHello<T>(classifier: DashboardClassifier<T>): NonNullable<DashboardHello['classifier']> {
  const points = toPoints('serveDashboard', classifier.points)
  const labels = toLabels('serveDashboard', classifier.labels, points.length)
  const { x, y } = classifier.region
  return { points, labels, colors: labels.map((label) => rdBu(label, [-0.2, 1.2])), x, y }
}
