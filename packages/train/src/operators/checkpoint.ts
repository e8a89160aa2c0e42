import { ConfigError } from '@gradstream/tensor'
import { Observable } from 'rxjs'
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
 * promise; a failed write becomes an error notification.
 * @example step$.pipe(checkpoint((text) => writeFileSync('run.ckpt.json', text), { everySteps: 1000 }))
 */
export function checkpoint<T extends TrainState>(
  write: (text: string, snapshot: T) => void | Promise<void>,
  { everySteps }: CheckpointOptions,
): MonoTypeOperatorFunction<T> {
  if (!Number.isInteger(everySteps) || everySteps < 1) {
    throw new ConfigError('checkpoint', `everySteps must be a positive integer, got ${everySteps}`)
  }
  return (source) =>
    new Observable<T>((subscriber) =>
      source.subscribe({
        next: (snapshot) => {
          if (snapshot.step % everySteps === 0) {
            const written = write(serializeCheckpoint(snapshot), snapshot)
            if (written instanceof Promise) written.catch((error: unknown) => subscriber.error(error))
          }
          subscriber.next(snapshot)
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    )
}
