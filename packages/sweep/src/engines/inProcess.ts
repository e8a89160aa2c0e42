import { Observable } from 'rxjs'
import { runOne } from '../runOne'
import type { RunJob } from '../runJob'
import type { SweepEngine } from '../sweepEngine'
import type { SweepEvent } from '../sweepEvent'
import { checkEngineOptions } from './engineOptions'
import type { EngineOptions } from './engineOptions'
import { StoppingRuns } from './stoppingRuns'

/**
 * An engine that runs every job in this process, on the event loop: runs
 * interleave only where they yield (`fit`'s `batching.yieldEverySteps`), so
 * it suits tiny models and tests. Without `concurrency` every run of a sweep
 * starts at once. A cancelled run stops at its next step (or at once, while
 * it waits between steps), and `close()` waits until its files are written.
 * @example
 * const engine = inProcess({ concurrency: 2 })
 * sweep({ configs, run: 'run.ts', logdir: 'runs', engine }).subscribe(console.log)
 */
export function inProcess(options: EngineOptions = {}): SweepEngine {
  const { concurrency, checkpointEvery } = checkEngineOptions(
    'inProcess',
    options,
    ['concurrency', 'checkpointEvery'],
    Infinity,
  )
  const stopping = new StoppingRuns()
  return {
    concurrency,
    run: <C>(job: RunJob<C>) =>
      new Observable<SweepEvent<C>>((subscriber) => {
        const controller = new AbortController()
        let ended = false
        let markEnded = (): void => undefined
        const end = new Promise<void>((resolve) => (markEnded = resolve))
        // Not unsubscribed on cancel: the aborted run completes by itself once its files are written.
        runOne(job, { checkpointEvery, signal: controller.signal }).subscribe({
          next: (event) => subscriber.next(event),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            ended = true
            markEnded()
            subscriber.complete()
          },
        })
        return () => {
          if (ended) return
          controller.abort()
          stopping.add(end)
        }
      }),
    close: () => stopping.idle(),
  }
}
