import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError } from '@gradstream/core'
import { checkJob } from '../runJob'
import type { RunJob } from '../runJob'

/**
 * The directories a worker confines its jobs to: it imports run modules only
 * from under `modules` and writes runs only under `logdir`. A job comes from
 * whoever can write to the Redis, so its paths are not trusted.
 */
export interface JobBounds {
  readonly modules: string
  readonly logdir: string
}

/**
 * The job with its module as a real path, after checking that the module
 * (symbolic links followed) lies under `bounds.modules` and the run directory
 * under `bounds.logdir`; a ConfigError names what is outside.
 * @example
 * boundedJob({ runId: 'a', config: {}, module: '/etc/x.mjs', runDir: '/shared/runs/a' }, { modules: '/code', logdir: '/shared/runs' })
 * // ConfigError: gradstream-worker: the run module /etc/x.mjs is not under the modules directory /code
 */
export function boundedJob<C>(job: RunJob<C>, bounds: JobBounds, fn = 'gradstream-worker'): RunJob<C> {
  checkJob(fn, job)
  const modulePath = job.module.startsWith('file:') ? fileURLToPath(job.module) : job.module
  if (!isAbsolute(modulePath)) throw new ConfigError(fn, `the run module must be a file path, got '${job.module}'`)
  let module: string
  try {
    module = realpathSync(modulePath)
  } catch {
    throw new ConfigError(fn, `the run module ${modulePath} does not exist here`)
  }
  if (!inside(module, realpathSync(bounds.modules))) {
    throw new ConfigError(fn, `the run module ${modulePath} is not under the modules directory ${bounds.modules}`)
  }
  if (!isAbsolute(job.runDir) || !inside(resolve(job.runDir), resolve(bounds.logdir))) {
    throw new ConfigError(fn, `the run directory ${job.runDir} is not under the log directory ${bounds.logdir}`)
  }
  return { ...job, module }
}

function inside(path: string, dir: string): boolean {
  const rest = relative(dir, path)
  return rest !== '' && rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest)
}
