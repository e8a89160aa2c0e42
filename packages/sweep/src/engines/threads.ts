import { checkInteger, checkOptions, ConfigError, describe } from '@gradstream/core'
import { availableParallelism } from 'node:os'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { Observable } from 'rxjs'
import type { Subscriber } from 'rxjs'
import type { RunJob } from '../runJob'
import type { SweepEngine } from '../sweepEngine'
import type { SweepEvent } from '../sweepEvent'
import { checkEngineOptions } from './engineOptions'
import type { EngineOptions } from './engineOptions'
import { StoppingRuns } from './stoppingRuns'
import type { ThreadTask } from './threadTask'

/**
 * Options of the {@link threads} engine: those of every engine, and how many
 * threads each run's kernels use.
 * @example const options: ThreadsOptions = { concurrency: 2, kernelThreads: 1 }
 */
export interface ThreadsOptions extends EngineOptions {
  /**
   * How many threads each run's large matrix products and convolutions use
   * (`setThreads` of `@gradstream/tensor` on the run's worker thread, counting
   * it). The default shares the cores out, ⌊cores / concurrency⌋ and at least
   * 1: one thread per run when the runs fill the cores (more would only put
   * two threads on a core), all of them for one run at a time. Results do not
   * depend on it. It sets the `@gradstream/tensor` this package imports, which
   * is the run module's wherever both resolve to one installed copy (as a
   * package manager installs them).
   */
  readonly kernelThreads?: number
}

/**
 * Options of one run on the {@link threads} engine.
 * @example const options: ThreadRunOptions = { signal: AbortSignal.timeout(60_000) }
 */
export interface ThreadRunOptions {
  /**
   * Stops the run at its next step, as unsubscribing does, but the run's
   * stream stays: it completes (with no `finished`) once the run's log and
   * checkpoint are written, so the caller knows when the run's thread is free.
   */
  readonly signal?: AbortSignal
}

/**
 * The {@link threads} engine: a {@link SweepEngine} whose `run` also takes
 * {@link ThreadRunOptions}.
 * @example const engine: ThreadsEngine = threads({ concurrency: 1 })
 */
export interface ThreadsEngine extends SweepEngine {
  /** The events of one run; `options.signal` stops it and completes the stream once its files are written. */
  run<C>(job: RunJob<C>, options?: ThreadRunOptions): Observable<SweepEvent<C>>
}

/** Each worker's young-generation cap, in megabytes (see the README's Throughput section). */
const WORKER_YOUNG_GENERATION_MB = 64

/**
 * An engine that runs jobs on worker threads, one run per thread at a time,
 * through a Piscina pool (`concurrency` threads, by default the number of
 * cores). Each worker imports the run module by path (a TypeScript module
 * needs the program to run under `tsx`, whose loader the workers inherit),
 * and posts the run's events back as structured clones in batches, at most
 * one message per run every 10 ms (a step slower than that goes at once),
 * so that the main thread is not woken at every step of a fast run; the
 * run's stream still emits every event alone, in order. Each run's tensor
 * kernels use its share of the cores (`kernelThreads`), so runs do not start
 * kernel threads on cores the other runs use. A worker that crashes
 * fails its run alone (a `failed` event) and is replaced. A cancelled run
 * stops at its next step, read from shared memory, so even a run that never
 * yields stops between two steps; `close()` waits until its files are
 * written, then ends the threads, so they never keep the process alive. A
 * run stopped through its `signal` instead (see {@link ThreadRunOptions})
 * says when its own files are written, by completing.
 * @example
 * const engine = threads({ concurrency: 2 })
 * sweep({ configs, run: 'run.mjs', logdir: 'runs', engine }).subscribe({ complete: () => engine.close() })
 */
export function threads(options: ThreadsOptions = {}): ThreadsEngine {
  const { concurrency, checkpointEvery } = checkEngineOptions(
    'threads',
    options,
    ['concurrency', 'checkpointEvery', 'kernelThreads'],
    availableParallelism(),
  )
  const { kernelThreads = coresPerRun(concurrency) } = options
  checkInteger('threads', 'kernelThreads', kernelThreads, 1)
  // Threads start with the engine and stay until close(): starting one (loading the run module and its imports) takes
  // far longer than a small run.
  const pool = new Piscina({
    ...workerSource(),
    minThreads: concurrency,
    maxThreads: concurrency,
    idleTimeout: Infinity,
    concurrentTasksPerWorker: 1,
    // A young generation of up to 64 MB makes a worker's back-to-back mark-compacts rarer and shorter (none in 12
    // measured processes, against 4 of 18 with V8's default); smaller caps made them more frequent. Results do not
    // depend on it.
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  })
  const stopping = new StoppingRuns()
  let closed: Promise<void> | undefined
  return {
    concurrency,
    run: <C>(job: RunJob<C>, runOptions: ThreadRunOptions = {}) => {
      const { signal } = checkRunOptions(runOptions)
      return new Observable<SweepEvent<C>>((subscriber) => {
        const { port1, port2 } = new MessageChannel()
        const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
        const requestStop = () => Atomics.store(stop, 0, 1)
        if (signal?.aborted === true) requestStop()
        signal?.addEventListener('abort', requestStop)
        let ended = false
        port1.on('message', (events: SweepEvent<C>[]) => deliver(events, subscriber))
        const task: ThreadTask = { job, checkpointEvery, kernelThreads, port: port2, stop }
        const done = pool.run(task, { transferList: [port2] }).then(
          () => deliverRest(port1, subscriber),
          (error: unknown) => {
            deliverRest(port1, subscriber)
            subscriber.next(crashEvent(job.runId, error))
          },
        )
        void done.then(() => {
          ended = true
          signal?.removeEventListener('abort', requestStop)
          port1.close()
          subscriber.complete()
        })
        return () => {
          if (ended) return
          requestStop()
          stopping.add(done)
        }
      })
    },
    close: () => (closed ??= stopping.idle().then(() => pool.destroy())),
  }
}

/** Each of `runs` concurrent runs' share of the cores, at least 1: the default of `kernelThreads`. */
export function coresPerRun(runs: number): number {
  return Math.max(1, Math.floor(availableParallelism() / runs))
}

function checkRunOptions(options: ThreadRunOptions): ThreadRunOptions {
  checkOptions('threads', options, ['signal'])
  const { signal } = options
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ConfigError('threads', `signal must be an AbortSignal, got ${describe(signal)}`)
  }
  return options
}

/** A batch of events, one by one and in order, as the run emitted them. */
function deliver<C>(events: readonly SweepEvent<C>[], subscriber: Subscriber<SweepEvent<C>>): void {
  for (const event of events) subscriber.next(event)
}

/** Batches posted before the worker returned may still wait in the port: take them, in order, before completing. */
function deliverRest<C>(port: MessagePort, subscriber: Subscriber<SweepEvent<C>>): void {
  for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
    deliver(message.message as SweepEvent<C>[], subscriber)
  }
}

function crashEvent<C>(runId: string, error: unknown): SweepEvent<C> {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) }
  return { type: 'failed', runId, error: { name, message: `the worker thread crashed: ${message}` } }
}

/**
 * The worker module: the built JavaScript beside this file or, when this
 * package runs from its TypeScript source, a bootstrap that loads the source
 * through tsx, with the repository's source condition.
 */
function workerSource(): { filename: string; execArgv?: string[] } {
  if (!import.meta.url.endsWith('.ts')) return { filename: new URL('./threadWorker.js', import.meta.url).href }
  // The condition alone: the bootstrap registers tsx itself, and V8 flags of the program (--expose-gc) are refused here.
  return {
    filename: new URL('./sourceWorker.mjs', import.meta.url).href,
    execArgv: ['--conditions=@gradstream/source'],
  }
}
