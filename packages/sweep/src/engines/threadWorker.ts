// The module every worker thread of the `threads` engine loads (Piscina calls its default export once per run).
import { setThreads } from '@gradstream/tensor'
import { runOne } from '../runOne'
import { eventBatches } from './eventBatches'
import type { ThreadTask } from './threadTask'

/** Runs one job on this thread, posting its events in batches to the task's port; resolves once its files are written. */
export default function runInThread({ job, checkpointEvery, kernelThreads, port, stop }: ThreadTask): Promise<void> {
  setThreads(kernelThreads)
  const stopRequested = () => Atomics.load(stop, 0) === 1
  const batches = eventBatches((events) => port.postMessage(events))
  return new Promise((resolve) => {
    runOne(job, { checkpointEvery, stopRequested }).subscribe({
      next: batches.add,
      // runOne reports a failure as an event; completing is all that is left.
      complete: () => {
        batches.flush()
        port.close()
        resolve()
      },
    })
  })
}
