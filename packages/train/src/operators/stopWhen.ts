import { checkFunction } from '@gradstream/core'
import { takeWhile } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'

/**
 * Completes the stream (and so stops training) at the first snapshot for
 * which `predicate` holds; that snapshot is still emitted. Inside one branch
 * of `runTraining`, it ends that branch; the run stops once every branch is done.
 * @example step$.pipe(stopWhen((s) => s.loss < 1e-4))
 */
export function stopWhen<T>(predicate: (snapshot: T) => boolean): MonoTypeOperatorFunction<T> {
  checkFunction('stopWhen', 'predicate', predicate)
  return takeWhile((snapshot) => !predicate(snapshot), true)
}
