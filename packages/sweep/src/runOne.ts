import { checkFunction, checkInteger, checkOptions, ConfigError, describe } from '@gradstream/core'
import type { HParams } from '@gradstream/core'
import { jsonlLog, loggedValues } from '@gradstream/logs'
import { checkpointToFile, parseCheckpoint } from '@gradstream/train'
import type { Snapshot } from '@gradstream/train'
import { mkdir, readFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  catchError,
  concatWith,
  defer,
  EMPTY,
  fromEvent,
  lastValueFrom,
  mergeMap,
  Observable,
  of,
  takeUntil,
  takeWhile,
} from 'rxjs'
import type { RunFunction } from './defineRun'
import { keepLogUpTo } from './resumedLog'
import type { KeptLog } from './resumedLog'
import { checkJob } from './runJob'
import type { RunJob } from './runJob'
import { RunRecords } from './runRecords'
import type { SweepEvent } from './sweepEvent'

/**
 * Options of {@link runOne}.
 * @example const options: RunOneOptions = { checkpointEvery: 50, signal: AbortSignal.timeout(60_000) }
 */
export interface RunOneOptions {
  /** Write `checkpoint.json` every this many steps (default 100), and always at the last step done. */
  readonly checkpointEvery?: number
  /** Stops the run between two steps; its log and checkpoint are then written whole, and no `finished` follows. */
  readonly signal?: AbortSignal
  /** Asked at every step, for a stop that must be seen while a run never yields (a run on a worker thread). */
  readonly stopRequested?: () => boolean
  /** Which attempt at this run this is, 1 the first time (said in the `started` event). */
  readonly attempt?: number
}

/**
 * The name of a run's log inside its directory.
 * @example join('runs/lr=0.1', LOG_FILE) // 'runs/lr=0.1/log.jsonl'
 */
export const LOG_FILE = 'log.jsonl'

/**
 * The name of a run's checkpoint inside its directory.
 * @example join('runs/lr=0.1', CHECKPOINT_FILE) // 'runs/lr=0.1/checkpoint.json'
 */
export const CHECKPOINT_FILE = 'checkpoint.json'

/**
 * Does one job where it is called (the event loop, a worker thread, a worker
 * process): imports the run module, resumes from `<runDir>/checkpoint.json`
 * when one is there, logs every step to `<runDir>/log.jsonl` (with the
 * config as the log's hyper-parameters; a resumed run first cuts the log back
 * to the checkpoint's step, so it ends as an uninterrupted run's log, and its
 * `finished` record counts the kept steps), writes the checkpoint every
 * `checkpointEvery` steps and at the last step done, and emits the run's
 * events: `started`, a `step` per step (and an `eval` where one ran), then
 * `finished` or `failed`. Anything going wrong in the run, its module
 * included, is a `failed` event, never an error notification. The stream
 * completes once the log and the checkpoint are written.
 *
 * @throws ConfigError when called, for a job that is not one or a bad option.
 * @example
 * runOne({ runId: 'lr=0.1', config: { lr: 0.1 }, module: fileURLToPath(new URL('run.mjs', import.meta.url)), runDir: 'runs/lr=0.1' }).subscribe(console.log)
 * // { type: 'started', runId: 'lr=0.1', config: { lr: 0.1 }, attempt: 1 }, { type: 'step', ... }, ...
 */
export function runOne<C>(job: RunJob<C>, options: RunOneOptions = {}): Observable<SweepEvent<C>> {
  checkJob('runOne', job)
  checkOptions('runOne', options, ['checkpointEvery', 'signal', 'stopRequested', 'attempt'])
  const { checkpointEvery = 100, signal, stopRequested, attempt = 1 } = options
  checkInteger('runOne', 'checkpointEvery', checkpointEvery, 1)
  checkInteger('runOne', 'attempt', attempt, 1)
  if (stopRequested !== undefined) checkFunction('runOne', 'stopRequested', stopRequested)
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ConfigError('runOne', `signal must be an AbortSignal, got ${describe(signal)}`)
  }
  const stopped = (): boolean => signal?.aborted === true || stopRequested?.() === true
  return defer(() => (stopped() ? EMPTY : prepare(job))).pipe(
    mergeMap(({ run, resumeFrom, resumedFromStep, keptLog }) => {
      const started: SweepEvent<C> = {
        type: 'started',
        runId: job.runId,
        config: job.config,
        attempt,
        ...(resumedFromStep === undefined ? {} : { resumedFromStep }),
      }
      const context = { runDir: job.runDir, ...(resumeFrom === undefined ? {} : { resumeFrom }) }
      const abort$ = signal === undefined ? EMPTY : fromEvent(signal, 'abort')
      // inclusive: the step during which the stop was asked is logged and checkpointed too.
      const step$ = defer(() => run(job.config, context)).pipe(
        takeUntil(abort$),
        takeWhile(() => !stopped(), true),
      )
      return of(started).pipe(concatWith(runEvents(job, step$, checkpointEvery, stopped, keptLog)))
    }),
    catchError((error: unknown) => of(failedEvent<C>(job.runId, error))),
  )
}

interface PreparedRun<C> {
  readonly run: RunFunction<C>
  readonly resumeFrom?: string
  readonly resumedFromStep?: number
  /** What the log holds before this attempt: nothing for a first attempt, the steps up to the checkpoint's on a resume. */
  readonly keptLog: KeptLog
}

const NOTHING_LOGGED: KeptLog = { hasHParams: false, steps: [] }

/**
 * Makes the run's directory, reads a checkpoint left there (and then cuts the
 * log back to the checkpoint's step) and imports the run module.
 */
async function prepare<C>(job: RunJob<C>): Promise<PreparedRun<C>> {
  await mkdir(job.runDir, { recursive: true })
  const resumeFrom = await readFile(join(job.runDir, CHECKPOINT_FILE), 'utf8').catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined
    throw error
  })
  const imported = (await import(moduleUrl(job.module))) as { default?: unknown }
  if (typeof imported.default !== 'function') {
    throw new ConfigError(
      'runOne',
      `the run module ${job.module} must export a run function as default, got ${describe(imported.default)}`,
    )
  }
  const run = imported.default as RunFunction<C>
  if (resumeFrom === undefined) return { run, keptLog: NOTHING_LOGGED }
  const resumedFromStep = parseCheckpoint(resumeFrom).step
  const keptLog = await keepLogUpTo(join(job.runDir, LOG_FILE), resumedFromStep)
  return { run, resumeFrom, resumedFromStep, keptLog }
}

/**
 * The run's step, eval and finished events, logging and checkpointing its
 * snapshots on the way. A resumed run appends to the log it keeps (its
 * hyper-parameters line included), and its `final` and `best` records count
 * the kept steps too.
 */
function runEvents<C>(
  job: RunJob<C>,
  step$: Observable<Snapshot>,
  checkpointEvery: number,
  stopped: () => boolean,
  keptLog: KeptLog,
): Observable<SweepEvent<C>> {
  const hparams = job.config as HParams
  const checkpointPath = join(job.runDir, CHECKPOINT_FILE)
  return new Observable<SweepEvent<C>>((subscriber) => {
    let last: Snapshot | undefined
    const records = new RunRecords()
    keptLog.steps.forEach((record) => records.add(record))
    const logged$ = step$.pipe(
      jsonlLog(join(job.runDir, LOG_FILE), keptLog.hasHParams ? {} : { hparams }),
      checkpointToFile(checkpointPath, { everySteps: checkpointEvery, hparams }),
    )
    const subscription = logged$.subscribe({
      next: (snapshot) => {
        last = snapshot
        records.add({ step: snapshot.step, ...scalarsOf(snapshot) })
        const epoch = snapshot.epoch === undefined ? {} : { epoch: snapshot.epoch }
        subscriber.next({ type: 'step', runId: job.runId, step: snapshot.step, ...epoch, scalars: scalarsOf(snapshot) })
        if (snapshot.eval !== undefined) {
          subscriber.next({ type: 'eval', runId: job.runId, step: snapshot.step, metrics: { ...snapshot.eval } })
        }
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        writeLastCheckpoint(last, checkpointEvery, checkpointPath, hparams)
          .then(() => {
            if (!stopped()) {
              const { steps, final, best } = records
              subscriber.next({ type: 'finished', runId: job.runId, steps, final, best })
            }
            subscriber.complete()
          })
          .catch((error: unknown) => subscriber.error(error))
      },
    })
    return () => subscription.unsubscribe()
  })
}

/** The checkpoint of the last step done, unless the periodic checkpoint has just written it. */
async function writeLastCheckpoint(
  last: Snapshot | undefined,
  checkpointEvery: number,
  path: string,
  hparams: HParams,
): Promise<void> {
  if (last === undefined || last.step === 0 || last.step % checkpointEvery === 0) return
  // checkpointToFile with everySteps = this step writes exactly this snapshot, atomically.
  await lastValueFrom(of(last).pipe(checkpointToFile(path, { everySteps: last.step, hparams })))
}

function scalarsOf(snapshot: Snapshot): Record<string, number> {
  return Object.fromEntries(loggedValues(snapshot).map(({ name, value }) => [name, value]))
}

function failedEvent<C>(runId: string, error: unknown): SweepEvent<C> {
  const { name, message } =
    error instanceof Error ? error : { name: 'Error', message: `the run threw ${describe(error)}` }
  return { type: 'failed', runId, error: { name, message } }
}

function moduleUrl(module: string): string {
  return isAbsolute(module) ? pathToFileURL(module).href : module
}
