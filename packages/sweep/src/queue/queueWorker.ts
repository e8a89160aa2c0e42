import { statSync } from 'node:fs'
import { checkFunction, checkInteger, checkOptions, checkString, ConfigError } from '@gradstream/core'
import { QueueEvents, UnrecoverableError, WaitingError, Worker } from 'bullmq'
import type { Job, QueueEventsListener } from 'bullmq'
import type { Redis } from 'ioredis'
import type { RunJob } from '../runJob'
import type { SweepEvent } from '../sweepEvent'
import { boundedJob } from './jobBounds'
import type { JobBounds } from './jobBounds'
import { checkRedisUrl, connectClients, describeRedisUrl } from './queueConnection'
import { CANCEL_EVENT } from './queueJob'
import type { CancelEvent, QueueJobData } from './queueJob'
import { ThreadSlots } from './threadSlots'

/**
 * Options of {@link queueWorker}.
 * @example
 * const options: QueueWorkerOptions = { connection: 'redis://10.0.0.5:6379', queueName: 'lr-sweep', modules: '/shared/code', logdir: '/shared/runs' }
 */
export interface QueueWorkerOptions {
  /** The Redis of the queue, as a URL: `redis://[user:password@]host:port[/db]`, `rediss://` for TLS. */
  readonly connection: string
  /** The queue's name, as given to the sweep's `queue` engine. */
  readonly queueName: string
  /** Run modules are imported only from under this directory. */
  readonly modules: string
  /** Runs are written only under this directory (the shared log directory). */
  readonly logdir: string
  /** How many runs at once, each on its own thread (default 1). */
  readonly concurrency?: number
  /** Each run writes its checkpoint every this many steps (default 100), and at its last step. */
  readonly checkpointEvery?: number
  /** Milliseconds after which the job of a worker that stopped answering goes to another (default 30000). */
  readonly stallTimeout?: number
  /** Where the worker says what it does: a line when a run starts, resumes, finishes, fails or stops (default: nowhere). */
  readonly log?: (line: string) => void
}

/**
 * A running worker: `close()` stops taking jobs, stops the runs it has
 * (their log and checkpoint written whole) and gives their jobs back to the
 * queue, where another worker resumes them.
 * @example
 * const worker: QueueWorker = await queueWorker(options)
 * await worker.close()
 */
export interface QueueWorker {
  close(): Promise<void>
}

interface CancelListener extends QueueEventsListener {
  [CANCEL_EVENT]: (event: CancelEvent) => void
}

const FN = 'queueWorker'
// Why a running job is stopped: the abort reason its processor reads.
const CANCELLED = 'cancelled by the sweep'
const CLOSING = 'the worker is closing'
const LOCK_LOST = "the job's lock in Redis was lost"

/**
 * Takes the runs a sweep's `queue` engine puts in the queue and runs them
 * here, each on a worker thread with `runOne`, sending every event of a run
 * back as the job's progress. A run's module must lie under `modules` and its
 * directory under `logdir`, else the run fails without being imported.
 * Resolves once connected; rejects when Redis cannot be reached.
 * @example
 * const worker = await queueWorker({ connection: 'redis://10.0.0.5:6379', queueName: 'lr-sweep', modules: '/shared/code', logdir: '/shared/runs' })
 * process.once('SIGTERM', () => void worker.close())
 */
export async function queueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const settings = checkWorkerOptions(options)
  const { connection, queueName, concurrency, checkpointEvery, stallTimeout, log } = settings
  const [redis, eventsRedis] = await connectClients(FN, connection)
  const slots = new ThreadSlots(concurrency, checkpointEvery)
  const worker = new Worker<QueueJobData, SweepEvent<unknown>>(
    queueName,
    (job, token, signal) => runJob(job, token, signal, slots, settings),
    { connection: redis, concurrency, lockDuration: stallTimeout, stalledInterval: stallTimeout },
  )
  const cancels = new QueueEvents(queueName, { connection: eventsRedis })
  cancels.on<CancelListener>(CANCEL_EVENT, ({ jobId }: CancelEvent) => worker.cancelJob(jobId, CANCELLED))
  // Connection errors are passing (ioredis reconnects); a job whose data is gone from Redis fails here alone.
  worker.on('error', (error) => log(`error: ${error.message}`))
  // A lost lock means the job may already be another worker's: stop the run rather than write beside it.
  worker.on('lockRenewalFailed', (jobIds) => jobIds.forEach((jobId) => worker.cancelJob(jobId, LOCK_LOST)))
  cancels.on('error', () => undefined)
  await Promise.all([worker.waitUntilReady(), cancels.waitUntilReady()])
  log(`taking runs from queue '${queueName}' at ${describeRedisUrl(connection)} (concurrency ${concurrency})`)
  return {
    close: async () => {
      worker.cancelAllJobs(CLOSING)
      await Promise.all([worker.close(), cancels.close()])
      await slots.close()
      await Promise.all([quit(redis), quit(eventsRedis)])
    },
  }
}

type WorkerSettings = Required<QueueWorkerOptions> & JobBounds

/** One job: its run's events forwarded as progress; its `finished` event is the job's return value. */
async function runJob(
  job: Job<QueueJobData, SweepEvent<unknown>>,
  token: string | undefined,
  signal: AbortSignal | undefined,
  slots: ThreadSlots,
  settings: WorkerSettings,
): Promise<SweepEvent<unknown>> {
  const { runId } = job.data.job
  if (job.data.cancelled === true) throw new UnrecoverableError(CANCELLED)
  const sent: Promise<void>[] = []
  let unsent: unknown
  // One connection carries every update in order, so the events arrive as the run emitted them. Each failure
  // is caught at once (left for later, it would end the process as an unhandled rejection).
  const send = (event: SweepEvent<unknown>) => {
    const line = describeEvent(event)
    if (line !== undefined) settings.log(line)
    sent.push(job.updateProgress(event).catch((error: unknown) => void (unsent ??= error)))
  }
  let last: SweepEvent<unknown> | undefined
  try {
    last = await runInSlot(boundedJob(job.data.job, settings), job.attemptsStarted, signal, slots, send)
  } catch (error) {
    last = { type: 'failed', runId, error: errorOf(error) }
    send(last)
  }
  await Promise.all(sent)
  if (unsent !== undefined) throw unsent // the job is gone from Redis, or Redis from here
  if (last?.type === 'finished') return last
  if (last?.type === 'failed') throw new UnrecoverableError(`${last.error.name}: ${last.error.message}`)
  const reason = String(signal?.reason)
  settings.log(`${runId}: stopped: ${reason}`)
  if (reason !== CLOSING) throw new UnrecoverableError(reason)
  // The worker is closing: the job goes back to the queue, where another worker resumes the run.
  await job.moveToWait(token)
  throw new WaitingError()
}

/**
 * Runs the job on a free slot's thread; resolves with its last event, or
 * undefined for a run stopped through `signal`, once its files are written.
 * The slot keeps its thread for the next job either way.
 */
function runInSlot(
  run: RunJob<unknown>,
  attempt: number,
  signal: AbortSignal | undefined,
  slots: ThreadSlots,
  send: (event: SweepEvent<unknown>) => void,
): Promise<SweepEvent<unknown> | undefined> {
  const engine = slots.take()
  return new Promise((resolve) => {
    let last: SweepEvent<unknown> | undefined
    engine.run(run, signal === undefined ? {} : { signal }).subscribe({
      next: (event) => {
        // The steps a stopped run does before it sees the stop are in its log, but no longer the sweep's concern.
        if (signal?.aborted === true) return
        // the attempt as the queue counts it: a run resumed on another worker is not its first
        last = event.type === 'started' ? { ...event, attempt } : event
        send(last)
      },
      complete: () => {
        slots.give(engine)
        // a run that ended before the stop was seen reports its end as any other
        resolve(signal?.aborted === true && last?.type !== 'finished' && last?.type !== 'failed' ? undefined : last)
      },
    })
  })
}

/** The worker's line about an event: one per start and end of a run, none per step. */
function describeEvent(event: SweepEvent<unknown>): string | undefined {
  switch (event.type) {
    case 'started':
      return event.resumedFromStep === undefined
        ? `${event.runId}: started (attempt ${event.attempt})`
        : `${event.runId}: resumed at step ${event.resumedFromStep} (attempt ${event.attempt})`
    case 'finished':
      return `${event.runId}: finished after ${event.steps} steps`
    case 'failed':
      return `${event.runId}: failed: ${event.error.name}: ${event.error.message}`
    default:
      return undefined
  }
}

function errorOf(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) }
}

async function quit(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect())
}

function checkWorkerOptions(options: QueueWorkerOptions): WorkerSettings {
  checkOptions(FN, options, [
    'connection',
    'queueName',
    'modules',
    'logdir',
    'concurrency',
    'checkpointEvery',
    'stallTimeout',
    'log',
  ])
  const { connection, queueName, modules, logdir, concurrency = 1, checkpointEvery = 100 } = options
  const { stallTimeout = 30_000, log = () => undefined } = options
  checkRedisUrl(FN, 'connection', connection)
  checkString(FN, 'queueName', queueName)
  for (const [name, dir] of [
    ['modules', modules],
    ['logdir', logdir],
  ] as const) {
    checkString(FN, name, dir)
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
      throw new ConfigError(FN, `${name} must be a directory, got '${dir}' (not one here)`)
    }
  }
  checkInteger(FN, 'concurrency', concurrency, 1)
  checkInteger(FN, 'checkpointEvery', checkpointEvery, 1)
  checkInteger(FN, 'stallTimeout', stallTimeout, 100)
  checkFunction(FN, 'log', log)
  return { connection, queueName, modules, logdir, concurrency, checkpointEvery, stallTimeout, log }
}
