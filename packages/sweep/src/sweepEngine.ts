import type { Observable } from 'rxjs'
import type { RunJob } from './runJob'
import type { SweepEvent } from './sweepEvent'

/**
 * Runs the jobs of a sweep: in this process (`inProcess`), on worker threads
 * (`threads`) or elsewhere. `run(job)` is cold: subscribing starts the run,
 * its events arrive in order and end with `finished` or `failed` before the
 * stream completes; a failure of the run is an event, never an error
 * notification. Unsubscribing cancels the run: it stops promptly between two
 * steps, and its log and checkpoint are left complete (written whole, the
 * checkpoint at the last step done). `close()` resolves once every cancelled
 * run has finished writing and the engine holds nothing that keeps the
 * process alive.
 * @example
 * const engine: SweepEngine = threads({ concurrency: 2 })
 * engine.run(job).subscribe((event) => console.log(event.type)) // 'started', 'step', ..., 'finished'
 */
export interface SweepEngine {
  /** How many runs the engine runs at once; a sweep starts no more than this. */
  readonly concurrency: number
  /** The events of one run (see above). */
  run<C>(job: RunJob<C>): Observable<SweepEvent<C>>
  /** Stops taking runs, waits for cancelled runs to finish writing, and releases workers. */
  close(): Promise<void>
}
