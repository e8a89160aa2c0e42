import { catchError, concatWith, defer, finalize, ignoreElements, merge, Subject, tap, throwError } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { batchQueue } from './batchQueue'
import { LogWriteError } from './LogWriteError'

/** How a run's log ended: its source completed, failed, or its subscriber left (an early stop downstream, `take`). */
export type RunEnd = 'complete' | 'error' | 'unsubscribe'

/**
 * One run's log in one format: what to write first, a row per snapshot, what
 * to write last, and how a batch of those reaches the file. Rows are made on
 * the training's turn (so they must be cheap); batches are written later.
 */
export interface RunLog<T, Item> {
  readonly start: (wallTime: number) => readonly Item[]
  readonly row: (snapshot: T, wallTime: number) => Item
  readonly end: (how: RunEnd, wallTime: number) => readonly Item[]
  readonly writeBatch: (items: readonly Item[]) => Promise<void>
  readonly close: () => Promise<void>
}

/** Seconds since the Unix epoch, as TensorBoard's `wall_time`. */
const now = () => Date.now() / 1000

/**
 * The operator every logger is: each subscription opens a run's log (so one
 * pipeline subscribed twice writes two runs), queues a row per snapshot and
 * passes the snapshot on at once. The stream completes, or fails with its
 * source's error, only once everything queued is written and the file
 * closed, so awaiting the run awaits the log. A failed write ends the stream
 * with a LogWriteError naming the file. After an unsubscribe, what was queued
 * is still written, and a failure then is reported to no one.
 */
export function logOperator<T, Item>(
  fn: string,
  target: string,
  openRun: () => RunLog<T, Item>,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      // Subscribed before the run, so a write failing while the run goes on ends it at once.
      const failure$ = new Subject<never>()
      const log = openRun()
      const queue = batchQueue<Item>(log.writeBatch, (error) => failure$.error(new LogWriteError(fn, target, error)))
      let ended = false
      const finish = async (how: RunEnd): Promise<void> => {
        ended = true
        for (const item of log.end(how, now())) queue.offer(item)
        await queue.idle()
        try {
          await log.close()
        } catch (error) {
          failure$.error(new LogWriteError(fn, target, error))
        }
      }
      for (const item of log.start(now())) queue.offer(item)
      const run$ = source.pipe(
        tap((snapshot) => queue.offer(log.row(snapshot, now()))),
        concatWith(defer(() => finish('complete').then(() => failure$.complete())).pipe(ignoreElements())),
        catchError((error: unknown) =>
          defer(() => finish('error')).pipe(ignoreElements(), concatWith(throwError(() => error))),
        ),
        finalize(() => {
          if (!ended) finish('unsubscribe').catch(() => undefined)
        }),
      )
      return merge(failure$, run$)
    })
}
