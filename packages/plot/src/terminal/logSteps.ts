import { checkFunction, checkOptions } from '@gradstream/core'
import { tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { checkTextOutput } from './textOutput'
import type { TextOutput } from './textOutput'

export interface LogStepsOptions {
  /** Where each formatted line goes, with a newline after it (default `process.stdout`). */
  readonly output?: TextOutput
}

/**
 * The console logger: writes `format(snapshot)` and a newline for every
 * snapshot that passes, and passes every snapshot on. Put a step filter
 * before it; returning `undefined` skips a snapshot.
 *
 * @example
 * step$.pipe(
 *   everySteps(2000, { first: 1 }),
 *   logSteps((s) => pyFormat('After %d steps, mse_loss: %f', s.step - 1, s.losses.mse)),
 * ).subscribe()
 */
export function logSteps<T>(
  format: (snapshot: T) => string | undefined,
  options: LogStepsOptions = {},
): MonoTypeOperatorFunction<T> {
  checkFunction('logSteps', 'format', format)
  checkOptions('logSteps', options, ['output'])
  const { output = process.stdout } = options
  checkTextOutput('logSteps', 'output', output)
  return tap((snapshot) => {
    const text = format(snapshot)
    if (text !== undefined) output.write(`${text}\n`)
  })
}
