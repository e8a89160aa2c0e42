import { ConfigError, describe } from '@gradstream/core'
import type { MonoTypeOperatorFunction } from 'rxjs'
import writeFileAtomic from 'write-file-atomic'
import type { TrainState } from '../snapshot'
import { checkpointOperator } from './checkpoint'
import type { CheckpointOptions } from './checkpoint'

/**
 * Writes a checkpoint to the file at `path` every n-th step, atomically: the
 * text goes to a temporary file beside it, which then replaces `path` in one
 * rename, so a crash or a failed write leaves the previous checkpoint whole.
 * Writes follow `checkpoint`'s promises: one at a time, latest wins, the
 * stream completes after the last write, a failure ends it naming the step.
 * @example
 * step$.pipe(checkpointToFile('run.ckpt.json', { everySteps: 1000 })).subscribe()
 * // later: fit({ ..., resumeFrom: readFileSync('run.ckpt.json', 'utf8') })
 */
export function checkpointToFile<T extends TrainState>(
  path: string,
  options: CheckpointOptions,
): MonoTypeOperatorFunction<T> {
  if (typeof path !== 'string' || path === '') {
    throw new ConfigError('checkpointToFile', `path must be a non-empty string, got ${describe(path)}`)
  }
  return checkpointOperator<T>('checkpointToFile', (text) => writeFileAtomic(path, text), options)
}
