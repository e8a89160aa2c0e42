// Temporary stand-in for @gradstream/train's earlyStopping (agreed API), until it lands.
import { Observable, Subscriber } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'

interface Options {
  readonly monitor: string
  readonly patience: number
  readonly minDelta?: number
  readonly mode?: 'min' | 'max'
  readonly restoreBest?: boolean
}

interface Restorable {
  readonly params: unknown
  readonly modelState?: unknown
  readonly ema?: unknown
}

const valueAt = (snapshot: unknown, path: string): number | undefined => {
  let node: unknown = snapshot
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key]
  return typeof node === 'number' ? node : undefined
}

export function earlyStopping<T extends Restorable>(options: Options): MonoTypeOperatorFunction<T> {
  const { monitor, patience, minDelta = 0, mode = 'min', restoreBest = false } = options
  const better = (value: number, best: number) => (mode === 'min' ? value < best - minDelta : value > best + minDelta)
  return (source) =>
    new Observable<T>((subscriber) => {
      let best: T | undefined
      let bestValue = mode === 'min' ? Infinity : -Infinity
      let waited = 0
      let previous: T | undefined
      const finish = () => {
        if (previous !== undefined) {
          const last =
            restoreBest && best !== undefined
              ? { ...previous, params: best.params, modelState: best.modelState, ema: best.ema }
              : previous
          subscriber.next(last as T)
        }
        subscriber.complete()
      }
      const inner: Subscriber<T> = new Subscriber<T>({
        next: (snapshot) => {
          if (previous !== undefined) subscriber.next(previous)
          previous = snapshot
          const value = valueAt(snapshot, monitor)
          if (value === undefined) return
          if (better(value, bestValue)) [best, bestValue, waited] = [snapshot, value, 0]
          else if (++waited >= patience) {
            inner.unsubscribe()
            finish()
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: finish,
      })
      return source.subscribe(inner)
    })
}
