import { coresPerRun, threads } from '../engines/threads'
import type { ThreadsEngine } from '../engines/threads'

/**
 * A worker's run slots, one thread engine each. A slot keeps its engine, and
 * so its thread, from run to run, a stopped run's included: a run is stopped
 * through its `signal`, and its stream completes once its log and checkpoint
 * are written, when the slot is given back. An engine starts its thread at
 * its first run. The slots share the cores for their runs' tensor kernels
 * (at least one kernel thread each), as the threads engine's own runs do.
 */
export class ThreadSlots {
  readonly #free: ThreadsEngine[]

  constructor(count: number, checkpointEvery: number) {
    const kernelThreads = coresPerRun(count)
    this.#free = Array.from({ length: count }, () => threads({ concurrency: 1, checkpointEvery, kernelThreads }))
  }

  /** A free slot's engine; the worker's concurrency never asks for more than there are. */
  take(): ThreadsEngine {
    const engine = this.#free.pop()
    if (engine === undefined) throw new Error('ThreadSlots: every slot is taken')
    return engine
  }

  /** Gives back the engine of a run whose stream has completed. */
  give(engine: ThreadsEngine): void {
    this.#free.push(engine)
  }

  /** Ends the threads of every free slot (call once no run is left). */
  async close(): Promise<void> {
    await Promise.all(this.#free.splice(0).map((engine) => engine.close()))
  }
}
