import { checkFunction, checkInteger, checkOptions } from '@gradstream/core'
import type { HParams } from '@gradstream/core'
import { concatWith, defer, ignoreElements, merge, Subject, tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { checkpointQueue } from '../checkpoint/checkpointQueue'
import { checkSerializeOptions, serializeCheckpoint } from '../checkpoint/format'
import type { TrainState } from '../snapshot'

/**
 * Options of {@link checkpoint} and `checkpointToFile`.
 * @example const options: CheckpointOptions = { everySteps: 1000 }
 */
export interface CheckpointOptions {
  /** Write at steps n, 2n, 3n, ... */
  readonly everySteps: number
  /** The run's hyper-parameters, recorded in every checkpoint (read back with `checkpointHParams`). */
  readonly hparams?: HParams
}

/**
 * Writes checkpoint text somewhere; a returned promise makes the write asynchronous.
 * @example const write: CheckpointWriter<Snapshot> = (text, snapshot) => putObject(`run/${snapshot.step}.json`, text)
 */
export type CheckpointWriter<T> = (text: string, snapshot: T) => void | PromiseLike<void>

/**
 * Writes a checkpoint (versioned JSON text, see `serializeCheckpoint`) at
 * every n-th step, and passes every snapshot on. Writes never overlap: while
 * one is in flight, the newest checkpoint due waits and replaces any older
 * one waiting (latest wins), so the last write is always of the newest state.
 * The stream completes only once the last write has settled, and a failed
 * write ends it with a `CheckpointError` naming the step (the original error
 * as `cause`). To write a file, `checkpointToFile` adds atomic replacement.
 * @example step$.pipe(checkpoint((text) => writeFile('run.ckpt.json', text), { everySteps: 1000, hparams: { batchSize: 8 } }))
 */
export function checkpoint<T extends TrainState>(
  write: CheckpointWriter<T>,
  options: CheckpointOptions,
): MonoTypeOperatorFunction<T> {
  return checkpointOperator('checkpoint', write, options)
}

/** `checkpoint` with the name of the public function in its errors (`checkpointToFile` is one too). */
export function checkpointOperator<T extends TrainState>(
  fn: string,
  write: CheckpointWriter<T>,
  options: CheckpointOptions,
): MonoTypeOperatorFunction<T> {
  checkFunction(fn, 'write', write)
  checkOptions(fn, options, ['everySteps', 'hparams'])
  const { everySteps, hparams } = options
  checkInteger(fn, 'everySteps', everySteps, 1)
  const serializeOptions = hparams === undefined ? {} : { hparams }
  checkSerializeOptions(fn, serializeOptions)
  return (source) =>
    defer(() => {
      // Subscribed before the run, so a write failing while the run goes on ends it at once.
      const failure$ = new Subject<never>()
      const queue = checkpointQueue<T>(
        fn,
        (snapshot) => write(serializeCheckpoint(snapshot, serializeOptions), snapshot),
        (error) => failure$.error(error),
      )
      const run$ = source.pipe(
        tap((snapshot) => {
          if (snapshot.step % everySteps === 0) queue.offer(snapshot)
        }),
        concatWith(defer(() => queue.idle().then(() => failure$.complete())).pipe(ignoreElements())),
      )
      return merge(failure$, run$)
    })
}
