import { checkInteger, checkOptions } from '@gradstream/core'
import { filter } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'

export interface EveryStepsOptions {
  /** The first step to pass (default `n`); then every n-th after it. `first: 1` mirrors a loop's `if i % n == 0`. */
  readonly first?: number
}

/**
 * Passes snapshots at steps `first`, `first + n`, `first + 2n`, ... (by default n, 2n, 3n, ...).
 * @example step$.pipe(everySteps(1000)).subscribe(log)
 */
export function everySteps<T extends { readonly step: number }>(
  n: number,
  options: EveryStepsOptions = {},
): MonoTypeOperatorFunction<T> {
  checkInteger('everySteps', 'n', n, 1)
  checkOptions('everySteps', options, ['first'])
  const { first = n } = options
  checkInteger('everySteps', 'first', first, 0)
  return filter((snapshot) => snapshot.step >= first && (snapshot.step - first) % n === 0)
}
