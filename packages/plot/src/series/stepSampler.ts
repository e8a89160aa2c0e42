import type { LineSeries, Point } from './lineSeries'

interface Sample {
  readonly step: number
  readonly values: Readonly<Record<string, number>>
}

/**
 * Keeps at most `capacity` evenly spaced samples of an endless run: the
 * steps that are multiples of `stride`, where the stride doubles (and every
 * other kept sample goes) each time the buffer fills. Values are computed
 * only for kept steps, so a costly pick runs about `capacity * log2(steps)`
 * times in all, not once per step; the latest step is always computed on
 * read, so a chart ends at the run's last value.
 */
export class StepSampler {
  #stride = 1
  #samples: Sample[] = []
  #latest: { readonly step: number; readonly read: () => Readonly<Record<string, number>> } | undefined

  constructor(readonly capacity: number) {}

  /** Offers a step; `read` is called now if the step is kept, and later if it stays the latest. */
  offer(step: number, read: () => Readonly<Record<string, number>>): void {
    this.#latest = { step, read }
    if (step % this.#stride !== 0) return
    this.#samples.push({ step, values: read() })
    while (this.#samples.length > this.capacity && this.#stride < Number.MAX_SAFE_INTEGER) {
      this.#stride *= 2
      this.#samples = this.#samples.filter((sample) => sample.step % this.#stride === 0)
    }
  }

  /** The kept samples and the latest step, oldest first. */
  samples(): readonly Sample[] {
    const latest = this.#latest
    const last = this.#samples.at(-1)
    if (latest === undefined || last?.step === latest.step) return this.#samples
    return [...this.#samples, { step: latest.step, values: latest.read() }]
  }

  /** The samples as one line per name, in order of first appearance. */
  series(): LineSeries[] {
    const lines = new Map<string, Point[]>()
    for (const { step, values } of this.samples()) {
      for (const [name, value] of Object.entries(values)) {
        const points = lines.get(name) ?? []
        points.push([step, value])
        lines.set(name, points)
      }
    }
    return [...lines].map(([name, points]) => ({ name, points }))
  }
}
