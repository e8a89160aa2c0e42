import { createHash } from 'node:crypto'
import type { RunJob } from '../runJob'
import type { SweepEvent } from '../sweepEvent'

/**
 * What a BullMQ job of the queue engine carries: the run to do, and
 * `cancelled` once the sweep has let go of it (a worker that takes such a
 * job, after a stall for instance, drops it).
 */
export interface QueueJobData<C = unknown> {
  readonly job: RunJob<C>
  readonly cancelled?: true
}

/** The name of every job the engine enqueues. */
export const JOB_NAME = 'run'

/** The custom queue event by which the engine asks the worker running a job to stop it. */
export const CANCEL_EVENT = 'gradstream:cancel'

/** The payload of a {@link CANCEL_EVENT}. */
export interface CancelEvent {
  readonly eventName: typeof CANCEL_EVENT
  readonly jobId: string
}

/**
 * The BullMQ job id of a run: its runId (BullMQ refuses ':' in ids, so `%` and
 * `:` are escaped) and a digest of its absolute directory, so that running the
 * same sweep again finds its jobs instead of adding new ones, while two sweeps
 * with other log directories never share a job.
 */
export function jobIdOf(job: RunJob<unknown>): string {
  const digest = createHash('sha256').update(job.runDir).digest('hex').slice(0, 12)
  return `${job.runId.replaceAll('%', '%25').replaceAll(':', '%3A')}@${digest}`
}

/** Whether a job's stored return value is the run's `finished` event (what a worker returns). */
export function isFinishedEvent<C>(value: unknown): value is Extract<SweepEvent<C>, { type: 'finished' }> {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'finished'
}
