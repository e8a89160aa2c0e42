import type { DistributionSeries } from './distributionSeries'
import type { RunLog } from './runLog'
import type { SseClient } from './sseClient'

/** One param's distribution in one run, as a page draws it. */
export interface DistributionEvent {
  readonly run: string
  /** The histogram's tag, `params/<path>` from `tensorBoard`. */
  readonly tag: string
  readonly steps: readonly number[]
  /** Per step, the `compressHistogram` points: minimum, the 6.68%, 15.87%, 30.85%, 50%, ... points, maximum. */
  readonly points: readonly (readonly number[])[]
}

/**
 * Sends pages the params' distributions of a log directory's runs, each
 * whole (at most `maxSteps` steps, evenly spread, the first and last kept:
 * TensorBoard too keeps 500 histograms per tag) whenever it changed since
 * the page last got it. A page's memory so stays bounded however often
 * histograms were logged.
 */
export class DistributionFeed {
  readonly #maxSteps: number
  /** Per page, per run index and tag, the version it last got. */
  readonly #sent = new WeakMap<SseClient, Map<string, number>>()

  constructor(maxSteps: number) {
    this.#maxSteps = maxSteps
  }

  /** Sends `client` every distribution it has not got in its latest version, while it is ready. */
  sync(client: SseClient, runs: readonly RunLog[], runId: (index: number) => string): void {
    let sent = this.#sent.get(client)
    if (sent === undefined) {
      sent = new Map()
      this.#sent.set(client, sent)
    }
    runs.forEach((run, index) => {
      for (const [tag, series] of run.distributions) {
        const key = `${index}\n${tag}`
        if (!client.ready || sent.get(key) === series.version) continue
        const event: DistributionEvent = { run: runId(index), tag, ...thinned(series, this.#maxSteps) }
        client.send('distribution', event)
        sent.set(key, series.version)
      }
    })
  }
}

function thinned(series: DistributionSeries, maxSteps: number): Pick<DistributionEvent, 'steps' | 'points'> {
  const n = series.length
  if (n <= maxSteps) return { steps: series.steps.slice(), points: series.points.slice() }
  const kept = Array.from({ length: maxSteps }, (_, i) => Math.round((i * (n - 1)) / (maxSteps - 1)))
  return { steps: kept.map((i) => series.steps[i]!), points: kept.map((i) => series.points[i]!) }
}
