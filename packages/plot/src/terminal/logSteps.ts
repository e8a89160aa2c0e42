import { tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'

export interface LogStepsOptions {
  /** Where each formatted text goes (default `console.log`). */
  readonly write?: (text: string) => void
}

/**
 * The console logger: writes `format(snapshot)` for every snapshot that
 * passes, and passes every snapshot on. Put a step filter before it;
 * returning `undefined` skips a snapshot.
 *
 * @example
 * step$.pipe(
 *   everySteps(2000, { first: 1 }),
 *   logSteps((s) => pyFormat('After %d steps, mse_loss: %f', s.step - 1, s.losses.mse)),
 * ).subscribe()
 */
export function logSteps<T>(
  format: (snapshot: T) => string | undefined,
  { write = (text) => console.log(text) }: LogStepsOptions = {},
): MonoTypeOperatorFunction<T> {
  return tap((snapshot) => {
    const text = format(snapshot)
    if (text !== undefined) write(text)
  })
}
