import { checkInteger, checkOptions } from '@gradstream/core'
import { scan } from 'rxjs'
import type { OperatorFunction } from 'rxjs'

export interface HistoryOptions {
  /** How many of the latest snapshots to keep. */
  readonly last: number
}

/**
 * Emits, at each snapshot, a frozen array of the latest `last` snapshots, oldest first.
 * @example step$.pipe(history({ last: 100 })).subscribe((recent) => plot(recent))
 */
export function history<T>(options: HistoryOptions): OperatorFunction<T, readonly T[]> {
  checkOptions('history', options, ['last'])
  const { last } = options
  checkInteger('history', 'last', last, 1)
  return scan<T, readonly T[]>((recent, snapshot) => {
    const kept = recent.length < last ? recent.slice() : recent.slice(recent.length - last + 1)
    kept.push(snapshot)
    return Object.freeze(kept)
  }, Object.freeze([]))
}
