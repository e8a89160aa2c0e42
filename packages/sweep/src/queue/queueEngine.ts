import { resolve } from 'node:path'
import { checkString, ConfigError } from '@gradstream/core'
import { Observable } from 'rxjs'
import { checkEngineOptions } from '../engines/engineOptions'
import { StoppingRuns } from '../engines/stoppingRuns'
import { checkJob } from '../runJob'
import type { RunJob } from '../runJob'
import type { SweepEngine } from '../sweepEngine'
import type { SweepEvent } from '../sweepEvent'
import { checkRedisUrl } from './queueConnection'
import { isFinishedEvent, jobIdOf } from './queueJob'
import type { QueueJobData } from './queueJob'
import { QueueLink } from './queueLink'
import type { JobWatcher } from './queueLink'

/**
 * Options of {@link queue}.
 * @example const options: QueueEngineOptions = { connection: 'redis://127.0.0.1:6379', queueName: 'lr-sweep' }
 */
export interface QueueEngineOptions {
  /** The Redis the queue lives in, as a URL: `redis://[user:password@]host:port[/db]`, `rediss://` for TLS. */
  readonly connection: string
  /** The BullMQ queue's name; the workers are started with the same (no ':'). */
  readonly queueName: string
  /** How many runs the sweep keeps in the queue at once (default all; the workers decide how many run). */
  readonly concurrency?: number
}

/**
 * An engine that runs jobs across machines on a BullMQ queue in Redis:
 * `run(job)` adds one job per run (its id made from the runId and the run's
 * directory, so a sweep run again joins its jobs rather than adding more),
 * and any number of `gradstream-worker` processes, on any machine that
 * reaches the Redis and the shared log directory, take the jobs and run them
 * on their threads. The run's events come back as the job's progress
 * events, in order, through the queue's event stream; the run ends with the
 * job. A worker that dies lets its job stall: BullMQ gives it to another
 * worker, and the run resumes from its last checkpoint (`started` says the
 * attempt and the step). Unsubscribing cancels the job: a waiting job is
 * removed, a running one is stopped by its worker at its next step, its log
 * and checkpoint written whole (`close()` waits for that, up to 30 s). A run
 * whose job is no longer in Redis after a reconnection (Redis restarted
 * without persistence) fails with a message saying so.
 *
 * Relative run directories are made absolute here: every machine must see
 * the log directory and the run module at the same absolute paths.
 * @example
 * const engine = queue({ connection: 'redis://10.0.0.5:6379', queueName: 'lr-sweep' })
 * sweep({ configs, run: 'run.mjs', logdir: '/shared/runs', engine }).subscribe({ complete: () => engine.close() })
 */
export function queue(options: QueueEngineOptions): SweepEngine {
  const { connection, queueName } = options ?? {}
  const { concurrency } = checkEngineOptions('queue', options, ['connection', 'queueName', 'concurrency'], Infinity)
  checkRedisUrl('queue', 'connection', connection)
  checkString('queue', 'queueName', queueName)
  if (queueName === '' || queueName.includes(':')) {
    throw new ConfigError('queue', `queueName must be a non-empty name without ':', got '${queueName}'`)
  }
  const link = new QueueLink(connection, queueName)
  const stopping = new StoppingRuns()
  return {
    concurrency,
    run: <C>(job: RunJob<C>) => {
      checkJob('queue', job)
      const data: QueueJobData<C> = { job: { ...job, runDir: resolve(job.runDir) } }
      const jobId = jobIdOf(data.job)
      return new Observable<SweepEvent<C>>((subscriber) => {
        let ended = false
        const end = (event: SweepEvent<C>) => {
          if (ended) return
          ended = true
          link.unwatch(jobId, watcher)
          subscriber.next(event)
          subscriber.complete()
        }
        const fail = (message: string) => end(failedEvent(job.runId, message))
        // The run's end is told when its job is over in the queue, so that a run started again at once finds the
        // job finished, not still active: `finished` comes as the job's return value, a `failed` event is held.
        let failure: SweepEvent<C> | undefined
        const watcher: JobWatcher = {
          progress: (data) => {
            const event = data as SweepEvent<C>
            if (event.type === 'failed') failure = event
            else if (event.type !== 'finished' && !ended) subscriber.next(event)
          },
          completed: (value) =>
            isFinishedEvent<C>(value) ? end(value) : fail(`queue: the job ended without a result`),
          failed: (reason) => end(failure ?? failedEvent(job.runId, `queue: the job failed: ${reason}`)),
          lost: () =>
            fail(
              `queue: the job of run '${job.runId}' is no longer in Redis (restarted without persistence?); ` +
                `its directory keeps what was logged and checkpointed, and running the sweep again resumes it`,
            ),
        }
        const followed = link.follow(jobId, watcher, data).then(
          (replayed) => replayed !== undefined && end(replayed),
          (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
        )
        return () => {
          link.unwatch(jobId, watcher)
          if (ended) return
          // once the job is in the queue (or known not to be), so that cancelling cannot come before adding
          const cancelled = followed.then(() => {
            link.unwatch(jobId, watcher)
            return link.cancel(jobId)
          })
          stopping.add(cancelled)
        }
      })
    },
    close: async () => {
      await stopping.idle()
      await link.close()
    },
  }
}

function failedEvent<C>(runId: string, message: string): SweepEvent<C> {
  return { type: 'failed', runId, error: { name: 'GradstreamError', message } }
}
