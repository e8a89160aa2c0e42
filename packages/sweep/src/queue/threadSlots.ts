import { threads } from '../engines/threads'
import type { SweepEngine } from '../sweepEngine'

/**
 * A worker's run slots, one thread engine each: a run stopped in its slot is
 * waited for alone (its engine's `close()` returns once its log and
 * checkpoint are written), and the slot gets a fresh engine. An engine starts
 * its thread at its first run and keeps it for the next.
 */
export class ThreadSlots {
  readonly #checkpointEvery: number
  readonly #free: SweepEngine[]

  constructor(count: number, checkpointEvery: number) {
    this.#checkpointEvery = checkpointEvery
    this.#free = Array.from({ length: count }, () => this.#engine())
  }

  /** A free slot's engine; the worker's concurrency never asks for more than there are. */
  take(): SweepEngine {
    const engine = this.#free.pop()
    if (engine === undefined) throw new Error('ThreadSlots: every slot is taken')
    return engine
  }

  /** Gives back the engine of a run that ended by itself. */
  give(engine: SweepEngine): void {
    this.#free.push(engine)
  }

  /** Gives back the engine of a run that was stopped, once its files are written: the slot gets a fresh engine. */
  async release(engine: SweepEngine): Promise<void> {
    await engine.close()
    this.#free.push(this.#engine())
  }

  /** Ends the threads of every free slot (call once no run is left). */
  async close(): Promise<void> {
    await Promise.all(this.#free.splice(0).map((engine) => engine.close()))
  }

  #engine(): SweepEngine {
    return threads({ concurrency: 1, checkpointEvery: this.#checkpointEvery })
  }
}
