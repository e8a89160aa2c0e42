import { checkString, ConfigError, describe } from '@gradstream/core'
import { isAbsolute } from 'node:path'

/**
 * One run for an engine to do: the run's configuration, the run module that
 * turns it into a training stream, and the directory its log and checkpoint
 * go to. Plain data, so it crosses to a worker thread or through a job queue.
 *
 * @example
 * const job: RunJob<{ lr: number }> = { runId: 'lr=0.1', config: { lr: 0.1 }, module: fileURLToPath(new URL('run.mjs', import.meta.url)), runDir: 'runs/lr=0.1' }
 */
export interface RunJob<C> {
  /** The run's name in the sweep's events, unique within the sweep (also its directory's name). */
  readonly runId: string
  /** The run's configuration: a plain, serialisable object, given to the run module's function. */
  readonly config: C
  /** Absolute path or `file:` URL of the run module, whose default export is a `RunFunction`. */
  readonly module: string
  /** The run's directory: `log.jsonl` and `checkpoint.json` are written there. */
  readonly runDir: string
}

/**
 * Throws a ConfigError unless `job` is a {@link RunJob}: string `runId` and
 * `runDir`, and a `module` given as an absolute path or a URL (a relative
 * path would depend on where the job is run).
 * @example checkJob('runOne', { runId: 'a', config: {}, module: 'run.mjs', runDir: 'runs/a' }) // ConfigError: runOne: job.module must be an absolute path or a URL, got 'run.mjs'
 */
export function checkJob(fn: string, job: unknown): asserts job is RunJob<unknown> {
  if (typeof job !== 'object' || job === null || Array.isArray(job)) {
    throw new ConfigError(fn, `job must be an object { runId, config, module, runDir }, got ${describe(job)}`)
  }
  const { runId, module, runDir } = job as Partial<Record<keyof RunJob<unknown>, unknown>>
  checkString(fn, 'job.runId', runId)
  checkString(fn, 'job.module', module)
  checkString(fn, 'job.runDir', runDir)
  if (!isAbsolute(module) && !/^[a-z][a-z0-9+.-]+:/i.test(module)) {
    throw new ConfigError(fn, `job.module must be an absolute path or a URL, got '${module}'`)
  }
}
