/** One series as the server offers it to pages: the points to draw and what of them stays put. */
export interface SeriesView {
  readonly steps: readonly number[]
  readonly values: readonly number[]
  /** How many leading points stay as they are while `epoch` does not change. */
  readonly stable: number
  /** Changes when earlier points may have changed (the server re-bucketed): pages then get the series whole. */
  readonly epoch: number
  /** Changes whenever the points do. */
  readonly version: number
}

/** What a page lacks of a series: drop its points from index `keep` on, then append these. */
export interface SeriesDelta {
  readonly keep: number
  readonly steps: readonly number[]
  readonly values: readonly number[]
}

/**
 * What one page has been sent of each series, so that an update carries
 * only the points after those it holds that stay put, and the whole series
 * only when the server re-bucketed it. The page truncates to `keep` and
 * appends, so it holds exactly what the server's view holds, and no more.
 *
 * @example
 * const sent = new SentSeries()
 * sent.delta('run0\nloss', { steps: [1, 2], values: [3, 2], stable: 1, epoch: 0, version: 2 })
 * // { keep: 0, steps: [1, 2], values: [3, 2] }
 * sent.delta('run0\nloss', { steps: [1, 2, 3], values: [3, 2, 1], stable: 2, epoch: 0, version: 3 })
 * // { keep: 1, steps: [2, 3], values: [2, 1] }
 */
export class SentSeries {
  readonly #sent = new Map<string, { readonly epoch: number; readonly stable: number; readonly version: number }>()

  /** What the page lacks of the series `key` (undefined if nothing), counted as sent. */
  delta(key: string, view: SeriesView): SeriesDelta | undefined {
    const sent = this.#sent.get(key)
    if (sent !== undefined && sent.version === view.version && sent.epoch === view.epoch) return undefined
    const keep = sent !== undefined && sent.epoch === view.epoch ? Math.min(sent.stable, view.steps.length) : 0
    this.#sent.set(key, { epoch: view.epoch, stable: view.stable, version: view.version })
    return { keep, steps: view.steps.slice(keep), values: view.values.slice(keep) }
  }
}
