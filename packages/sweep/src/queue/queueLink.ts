import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Queue, QueueEvents, QueueEventsProducer } from 'bullmq'
import type { Redis } from 'ioredis'
import { CHECKPOINT_FILE } from '../runOne'
import type { SweepEvent } from '../sweepEvent'
import { connectClients } from './queueConnection'
import { CANCEL_EVENT, isFinishedEvent, JOB_NAME } from './queueJob'
import type { CancelEvent, QueueJobData } from './queueJob'

/** What the engine hears about one job, from the queue's event stream. */
export interface JobWatcher {
  /** A `job.updateProgress(event)` of the worker running it: one of the run's events. */
  readonly progress: (data: unknown) => void
  readonly completed: (returnValue: unknown) => void
  readonly failed: (reason: string) => void
  /** The job is no longer in Redis (seen after a reconnection). */
  readonly lost: () => void
}

// Step events go through the queue's event stream, which Redis trims to about this many entries; the
// engine reads it as it grows, so only a reader this far behind would miss some (BullMQ's default: 10,000).
const EVENTS_KEPT = 100_000
/** How long `close()` waits for a cancelled run's worker to stop it and say so. */
export const CANCEL_WAIT_MS = 30_000

interface Opened {
  readonly redis: Redis
  readonly eventsRedis: Redis
  readonly queue: Queue<QueueJobData>
  readonly events: QueueEvents
  readonly producer: QueueEventsProducer
}

/**
 * The engine's side of one BullMQ queue, opened at the first run: adds jobs,
 * routes the queue's events to the watcher of each job, cancels jobs, and
 * checks after every reconnection that the jobs it waits for are still there.
 */
export class QueueLink {
  readonly #connection: string
  readonly #queueName: string
  /**
   * The watchers of each job (two subscriptions to one run share its job), each with the id of the last
   * event of the queue's stream before it: older events of its job are an earlier attempt's.
   */
  readonly #watchers = new Map<string, Map<JobWatcher, string>>()
  /** Cancelled jobs still running: called when the job ends. */
  readonly #ending = new Map<string, () => void>()
  #opened: Promise<Opened> | undefined

  constructor(connection: string, queueName: string) {
    this.#connection = connection
    this.#queueName = queueName
  }

  unwatch(jobId: string, watcher: JobWatcher): void {
    this.#watchers.get(jobId)?.delete(watcher)
    if (this.#watchers.get(jobId)?.size === 0) this.#watchers.delete(jobId)
  }

  /**
   * Tells `watcher` the job's events from now on, and enqueues the job
   * unless the queue already has it: a job waiting or running is joined; a
   * failed one is retried; a completed one whose checkpoint is still in its
   * directory is not run again, and its stored `finished` event is returned
   * (else it is run anew).
   */
  async follow<C>(jobId: string, watcher: JobWatcher, data: QueueJobData<C>): Promise<SweepEvent<C> | undefined> {
    const { queue, redis } = await this.#open()
    const since = await lastEventId(redis, this.#queueName)
    this.#watchers.set(jobId, (this.#watchers.get(jobId) ?? new Map<JobWatcher, string>()).set(watcher, since))
    const existing = await queue.getJob(jobId)
    if (existing !== undefined) {
      const state = await existing.getState()
      const kept = existsSync(join(data.job.runDir, CHECKPOINT_FILE))
      if (state === 'completed' && kept && isFinishedEvent<C>(existing.returnvalue)) return existing.returnvalue
      if (state === 'failed') {
        await existing.updateData(data)
        await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
        return undefined
      }
      if (state !== 'completed') return undefined
      await existing.remove()
    }
    await queue.add(JOB_NAME, data, { jobId })
    return undefined
  }

  /**
   * Cancels a job: removes it if it waits; else marks it cancelled and asks
   * its worker to stop it. Resolves when the worker says the job ended, or
   * after {@link CANCEL_WAIT_MS}.
   */
  async cancel(jobId: string): Promise<void> {
    const { queue, producer } = await this.#open()
    const job = await queue.getJob(jobId)
    const state = await job?.getState()
    if (job === undefined || state === 'completed' || state === 'failed' || state === 'unknown') return
    // remove() leaves a job a worker holds (its lock) and says so with 0
    if (state !== 'active' && (await queue.remove(jobId)) === 1) return
    const ended = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CANCEL_WAIT_MS)
      this.#ending.set(jobId, () => {
        clearTimeout(timer)
        resolve()
      })
    })
    await job.updateData({ ...job.data, cancelled: true })
    await producer.publishEvent<CancelEvent>({ eventName: CANCEL_EVENT, jobId })
    await ended
  }

  /** Closes the queue's connections, if they were opened. */
  async close(): Promise<void> {
    const opening = this.#opened
    this.#opened = undefined
    const opened = await opening?.catch(() => undefined)
    if (opened === undefined) return
    await Promise.all([opened.queue.close(), opened.events.close(), opened.producer.close()])
    await Promise.all([opened.redis.quit(), opened.eventsRedis.quit()])
  }

  #open(): Promise<Opened> {
    this.#opened ??= this.#connect()
    return this.#opened
  }

  async #connect(): Promise<Opened> {
    const [redis, eventsRedis] = await connectClients('queue', this.#connection)
    const queue = new Queue<QueueJobData>(this.#queueName, {
      connection: redis,
      streams: { events: { maxLen: EVENTS_KEPT } },
    })
    const producer = new QueueEventsProducer(this.#queueName, { connection: redis })
    // Read the event stream from its present end, so no event of a job added from now on is missed.
    const streamEnd = await lastEventId(redis, this.#queueName)
    const events = new QueueEvents(this.#queueName, { connection: eventsRedis, lastEventId: streamEnd })
    // Connection errors are passing: ioredis reconnects, and every command waits for it.
    queue.on('error', () => undefined)
    producer.on('error', () => undefined)
    events.on('error', () => undefined)
    this.#route(events)
    redis.on('ready', () => void this.#checkWatched(queue))
    await events.waitUntilReady()
    return { redis, eventsRedis, queue, events, producer }
  }

  #route(events: QueueEvents): void {
    events.on('progress', ({ jobId, data }, id) => this.#tell(jobId, id, (watcher) => watcher.progress(data)))
    events.on('completed', ({ jobId, returnvalue }, id) => {
      this.#ended(jobId)
      this.#tell(jobId, id, (watcher) => watcher.completed(returnvalue))
    })
    events.on('failed', ({ jobId, failedReason }, id) => {
      this.#ended(jobId)
      this.#tell(jobId, id, (watcher) => watcher.failed(failedReason))
    })
  }

  /** Tells the job's watchers that followed it before the stream's event `id` (every watcher without an id). */
  #tell(jobId: string, id: string | undefined, call: (watcher: JobWatcher) => void): void {
    for (const [watcher, since] of [...(this.#watchers.get(jobId) ?? [])]) {
      if (id === undefined || isLater(id, since)) call(watcher)
    }
  }

  #ended(jobId: string): void {
    this.#ending.get(jobId)?.()
    this.#ending.delete(jobId)
  }

  /** After a reconnection: the jobs Redis no longer has (restarted without persistence) are lost. */
  async #checkWatched(queue: Queue<QueueJobData>): Promise<void> {
    for (const jobId of [...this.#watchers.keys()]) {
      if ((await queue.getJobState(jobId).catch(() => undefined)) === 'unknown') {
        this.#tell(jobId, undefined, (watcher) => watcher.lost())
      }
    }
    for (const jobId of [...this.#ending.keys()]) {
      if ((await queue.getJobState(jobId).catch(() => undefined)) === 'unknown') this.#ended(jobId)
    }
  }
}

/** The id of the last entry of the queue's event stream ('0-0' while it has none). */
async function lastEventId(redis: Redis, queueName: string): Promise<string> {
  const [last] = await redis.xrevrange(`bull:${queueName}:events`, '+', '-', 'COUNT', 1)
  return last?.[0] ?? '0-0'
}

/** Whether stream entry id `a` ('<ms>-<sequence>') comes after `b`. */
function isLater(a: string, b: string): boolean {
  const [aMs, aSeq] = a.split('-').map(Number) as [number, number]
  const [bMs, bSeq] = b.split('-').map(Number) as [number, number]
  return aMs > bMs || (aMs === bMs && aSeq > bSeq)
}
