import type { LineSeries, Point } from './lineSeries'

/** A kept value and the step it belongs to. */
export interface Sample<V> {
  readonly step: number
  readonly value: V
}

/**
 * Keeps at most `capacity` evenly spaced samples of an endless run: the
 * first step offered (a run's initial loss, whatever its number), then the
 * steps that are multiples of `stride`, where the stride doubles (and every
 * other kept sample goes) each time the buffer fills. Values are computed
 * only for kept steps, so a costly pick runs about `capacity * log2(steps)`
 * times in all, not once per step; the latest step is always computed on
 * read, so a chart ends at the run's last value.
 */
export class StepSampler<V> {
  #stride = 1
  #first: Sample<V> | undefined
  /** The multiples of the stride after the first step. */
  #samples: Sample<V>[] = []
  #latest: { readonly step: number; readonly read: () => V } | undefined
  #latestValue: Sample<V> | undefined

  constructor(readonly capacity: number) {}

  /** Offers a step; `read` is called now if the step is kept, and later if it stays the latest. */
  offer(step: number, read: () => V): void {
    this.#latest = { step, read }
    this.#latestValue = undefined
    if (this.#first === undefined) {
      this.#first = { step, value: read() }
      return
    }
    if (step % this.#stride !== 0) return
    this.#samples.push({ step, value: read() })
    // the first sample counts towards the capacity but is never thinned away
    while (this.#samples.length + 1 > this.capacity && this.#stride < Number.MAX_SAFE_INTEGER) {
      this.#stride *= 2
      this.#samples = this.#samples.filter((sample) => sample.step % this.#stride === 0)
    }
  }

  /** The first step, the kept samples and the latest step, oldest first. */
  samples(): readonly Sample<V>[] {
    const latest = this.#latest
    if (this.#first === undefined || latest === undefined) return []
    const kept = [this.#first, ...this.#samples]
    if (kept.at(-1)!.step === latest.step) return kept
    this.#latestValue ??= { step: latest.step, value: latest.read() }
    return [...kept, this.#latestValue]
  }
}

/** Samples of named numbers as one line per name, in order of first appearance. */
export function samplesToSeries(samples: readonly Sample<Readonly<Record<string, number>>>[]): LineSeries[] {
  const lines = new Map<string, Point[]>()
  for (const { step, value } of samples) {
    for (const [name, y] of Object.entries(value)) {
      const points = lines.get(name) ?? []
      points.push([step, y])
      lines.set(name, points)
    }
  }
  return [...lines].map(([name, points]) => ({ name, points }))
}
