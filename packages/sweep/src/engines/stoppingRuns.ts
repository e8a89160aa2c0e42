/**
 * The runs an engine has cancelled that are still writing their log and
 * checkpoint: `close()` waits for them, so a program that closes its engine
 * exits with every run's files whole.
 */
export class StoppingRuns {
  readonly #pending = new Set<Promise<void>>()

  /** Tracks a run's end; the promise never rejects here (a failure has no one left to report to). */
  add(done: Promise<void>): void {
    const settled = done.catch(() => undefined)
    this.#pending.add(settled)
    void settled.then(() => this.#pending.delete(settled))
  }

  /** Resolves once every tracked run has ended. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending)
  }
}
