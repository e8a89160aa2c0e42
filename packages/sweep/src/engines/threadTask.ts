import type { MessagePort } from 'node:worker_threads'
import type { RunJob } from '../runJob'

/** What the thread engine sends a worker for one run: the job, where to post events, and the stop flag. */
export interface ThreadTask {
  readonly job: RunJob<unknown>
  readonly checkpointEvery: number
  /** The tensor kernels' thread count on this worker (setThreads), for the run. */
  readonly kernelThreads: number
  /** The run's events go here in batches, each message an array of events in order, as a structured clone. */
  readonly port: MessagePort
  /** One int32 over shared memory: set to 1 to stop the run at its next step (read even while the run never yields). */
  readonly stop: Int32Array
}
