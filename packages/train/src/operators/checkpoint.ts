import { ConfigError } from '@gradstream/tensor'
import { concatWith, defer, ignoreElements, tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { serializeCheckpoint } from '../checkpoint/format'
import type { TrainState } from '../snapshot'

export interface CheckpointOptions {
  /** Write at steps n, 2n, 3n, ... */
  readonly everySteps: number
}

/**
 * Writes a checkpoint (versioned JSON text, see `serializeCheckpoint`) at
 * every n-th step, and passes every snapshot on. `write` may return a
 * promise: the stream completes only once every write has finished, and a
 * failed write becomes an error notification (at the next snapshot, or at the
 * end of the run), so no failure goes unnoticed.
 * @example step$.pipe(checkpoint((text) => writeFile('run.ckpt.json', text), { everySteps: 1000 }))
 */
export function checkpoint<T extends TrainState>(
  write: (text: string, snapshot: T) => void | Promise<void>,
  { everySteps }: CheckpointOptions,
): MonoTypeOperatorFunction<T> {
  if (!Number.isInteger(everySteps) || everySteps < 1) {
    throw new ConfigError('checkpoint', `everySteps must be a positive integer, got ${everySteps}`)
  }
  return (source) =>
    defer(() => {
      const pending: Promise<void>[] = []
      let failure: { readonly error: unknown } | undefined
      const throwIfFailed = () => {
        if (failure) throw failure.error
      }
      return source.pipe(
        tap((snapshot) => {
          throwIfFailed()
          if (snapshot.step % everySteps !== 0) return
          const written = write(serializeCheckpoint(snapshot), snapshot)
          if (written instanceof Promise) {
            // Handled at once, so a rejection is never "unhandled" while the run goes on.
            pending.push(written.then(undefined, (error: unknown) => void (failure ??= { error })))
          }
        }),
        concatWith(defer(() => Promise.all(pending).then(throwIfFailed)).pipe(ignoreElements())),
      )
    })
}
