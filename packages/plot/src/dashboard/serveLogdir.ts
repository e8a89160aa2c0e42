import { stat } from 'node:fs/promises'
import { ConfigError, checkInteger, checkOptions, checkPositive, checkString, describe } from '@gradstream/core'
import { checkHost } from './hostCheck'
import { startDashboardServer } from './dashboardServer'
import { LogDirectory } from './logDirectory'
import { LogdirHub } from './logdirHub'

export interface LogdirDashboardOptions {
  /** TCP port (default 0: any free port; see `LogdirDashboard.url`). */
  readonly port?: number
  /** Interface to bind (default 127.0.0.1: this machine only); '' is refused. */
  readonly host?: string
  /** The page's heading (default: the directory as given). */
  readonly title?: string
  /** At most this many points per run and metric go to the page, chosen by LTTB over buckets of a fixed width (default 1000, at least 3). */
  readonly maxPoints?: number
  /** How often the directory is read for new runs and lines, in ms (default 1000). */
  readonly pollMs?: number
}

/** A running log-directory dashboard. */
export interface LogdirDashboard {
  /** The page's address, e.g. `http://127.0.0.1:6006/`. */
  readonly url: string
  readonly port: number
  /** The runs found so far. */
  readonly runs: () => readonly string[]
  /** Stops reading the directory and the server; open pages are told. */
  close(): Promise<void>
}

const OPTION_KEYS = ['port', 'host', 'title', 'maxPoints', 'pollMs']

/**
 * Serves every run under a directory of run logs, as `tensorboard --logdir`
 * does: each `*.jsonl` file of `jsonlLog` (`@gradstream/logs`) at any depth
 * is a run, named by its folder's path relative to `logdir`, and so is each
 * folder of TensorBoard events files (`tfevents` in the name, of `tensorBoard`
 * or TensorFlow) without one; a run's events files also give its params'
 * distributions over the steps (TensorBoard's Distributions, from their
 * histograms), drawn under the charts for a param chosen in a menu. The page draws
 * one chart per metric (the loss, each loss term, the learning rate, each
 * evaluation result) with every run overlaid on shared axes, a legend that
 * toggles runs and a filter box; drag to zoom and double-click to reset;
 * y linear or log (labelled at every decade); x as step, epoch or wall time;
 * TensorBoard's debiased exponential smoothing with a slider, the raw series
 * faint behind; CSV and JSON downloads of each chart's points as drawn; a
 * metric constant in every run as a one-line note; and a sortable table of
 * the runs' hyper-parameters with the final and best value of a chosen
 * metric. Runs still being written are followed: the
 * directory is read every `pollMs`, new runs and new lines reach open pages
 * over Server-Sent Events, and a page opened or reloaded later gets the whole
 * history. Each series reaches the page downsampled to at most maxPoints
 * points by largest-triangle-three-buckets over buckets of a fixed width
 * that doubles as the series grows (the first and last point kept), and an
 * update carries only what a page lacks: the points after the settled ones
 * it holds, the whole series only when the buckets widen. So the page's
 * memory, the server's work per update and the bytes sent stay bounded
 * whatever the runs' length.
 *
 * Arguments are checked before anything starts: a bad option, or a
 * `logdir` that is not a directory, rejects with a `ConfigError`.
 *
 * @example
 * const dashboard = await serveLogdir('runs', { port: 6006 })
 * console.log(`open ${dashboard.url}`) // open http://127.0.0.1:6006/
 * await dashboard.close()
 */
export async function serveLogdir(logdir: string, options: LogdirDashboardOptions = {}): Promise<LogdirDashboard> {
  const fn = 'serveLogdir'
  checkString(fn, 'logdir', logdir)
  checkOptions(fn, options, OPTION_KEYS)
  const { port = 0, host = '127.0.0.1', title = logdir, maxPoints = 1000, pollMs = 1000 } = options
  checkInteger(fn, 'port', port, 0, 65535)
  checkHost(fn, host)
  checkString(fn, 'title', title)
  checkInteger(fn, 'maxPoints', maxPoints, 3)
  checkPositive(fn, 'pollMs', pollMs)
  await checkDirectory(fn, logdir)
  const directory = new LogDirectory(logdir)
  await directory.poll()
  const hub = new LogdirHub(title, directory, maxPoints)
  const server = await startDashboardServer(fn, { port, host }, (sink) => hub.connect(sink))
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false
  // one poll at a time; the next is scheduled even if this one failed, so the server keeps following
  const poll = async () => {
    try {
      if ((await directory.poll()) && !closed) hub.syncAll()
    } finally {
      if (!closed) timer = setTimeout(() => void poll().catch(() => {}), pollMs)
    }
  }
  timer = setTimeout(() => void poll().catch(() => {}), pollMs)
  return {
    url: server.url,
    port: server.port,
    runs: () => directory.runs.map((run) => run.name),
    close: () => {
      closed = true
      clearTimeout(timer)
      hub.closeAll()
      return server.stop()
    },
  }
}

async function checkDirectory(fn: string, logdir: string): Promise<void> {
  const found = await stat(logdir).catch(() => undefined)
  if (found === undefined)
    throw new ConfigError(fn, `logdir must be a directory, got ${describe(logdir)}, which does not exist`)
  if (!found.isDirectory())
    throw new ConfigError(fn, `logdir must be a directory, got ${describe(logdir)}, which is a file`)
}
