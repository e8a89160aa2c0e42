import {
  ConfigError,
  checkBoolean,
  checkInteger,
  checkNonNegative,
  checkOneOf,
  checkOptions,
  checkString,
  describe,
  isPlainObject,
} from '@gradstream/core'
import type { Params } from '@gradstream/tensor'
import { EMPTY, concat, concatMap, defer, materialize, of, takeWhile, throwError } from 'rxjs'
import type { MonoTypeOperatorFunction, Observable } from 'rxjs'

/**
 * Options of {@link earlyStopping}.
 * @example const options: EarlyStoppingOptions = { monitor: 'eval.accuracy', mode: 'max', patience: 5, restoreBest: true }
 */
export interface EarlyStoppingOptions {
  /** A path into the snapshot of the number to watch: `'eval.loss'`, `'eval.accuracy'`, `'loss'`, `'losses.mse'`. */
  readonly monitor: string
  /** Evaluations without improvement after which the stream ends (an integer >= 1). */
  readonly patience: number
  /** An improvement must beat the best value by more than this (default 0). */
  readonly minDelta?: number
  /** `'min'` (default): lower is better, as for a loss; `'max'`: higher is better, as for an accuracy. */
  readonly mode?: 'min' | 'max'
  /** Make the last snapshot carry the best snapshot's `params`, `modelState` and `ema` (default false). */
  readonly restoreBest?: boolean
}

/** What early stopping reads of a snapshot and may restore into the last one. */
interface Watched {
  readonly step: number
  readonly params: Params
  readonly modelState?: Params | undefined
  readonly ema?: Params | undefined
}

const KNOWN = ['monitor', 'patience', 'minDelta', 'mode', 'restoreBest']
const RESTORED = ['params', 'modelState', 'ema'] as const

/**
 * Ends the stream, and so the training computation (it unsubscribes from
 * upstream, as `takeWhile` does), when the monitored value has not improved
 * for `patience` evaluations: Keras's `EarlyStopping`. An improvement is a
 * value better than the best so far by more than `minDelta`
 * (`value + minDelta < best` in `'min'` mode, `value - minDelta > best` in
 * `'max'` mode); a NaN never improves. The snapshot that ends the stream is
 * emitted. Snapshots without the monitored value pass through uncounted: after
 * `evaluate`, only the evaluated ones count.
 *
 * A `monitor` path whose last key is missing from an object that is there is
 * a mistake, not a snapshot to skip: `'eval.acc'` on a snapshot whose `eval`
 * has `loss` and `accuracy`, or `'los'` on any snapshot, errors the stream
 * with a ConfigError naming the step and the keys there are; so does a value
 * there that is not a number. (A misspelt object, `'evl.loss'`, looks like a
 * snapshot without evaluation and is never counted.)
 *
 * With `restoreBest`, the last snapshot emitted (at an early stop, or when
 * the source completes) is a copy of the last one with the best snapshot's
 * `params`, `modelState` and `ema` (the very objects, `===`); its `step`,
 * optimizer state and `eval` stay those of the last step, as Keras restores
 * weights only. To know that, each snapshot is held back until the next one
 * arrives, so downstream sees every snapshot one step late. Unlike Keras 2,
 * the best is restored also when the run ends without an early stop.
 *
 * `patience` counts as Keras counts, except that Keras's `patience=0`, which
 * stops at the first evaluation without improvement as `patience=1` does, is
 * refused here.
 *
 * @example
 * fit({ ...run, epochs: 100 }).pipe(
 *   evaluate({ data: test, predict, loss: softmaxCrossEntropy }),
 *   earlyStopping({ monitor: 'eval.loss', patience: 3, restoreBest: true }),
 *   last(),
 * ).subscribe((s) => console.log(s.step, s.params)) // the step it stopped at, the best params
 */
export function earlyStopping<T extends Watched>(options: EarlyStoppingOptions): MonoTypeOperatorFunction<T> {
  const { monitor, patience, minDelta = 0, mode = 'min', restoreBest = false } = checkEarlyStoppingOptions(options)
  const path = monitor.split('.')
  const improves =
    mode === 'min'
      ? (value: number, best: number) => value + minDelta < best
      : (value: number, best: number) => value - minDelta > best
  return (source) =>
    defer(() => {
      let best: { readonly value: number; readonly snapshot: T } | undefined
      let wait = 0
      const stopsAt = (snapshot: T): boolean => {
        const value = monitored(monitor, path, snapshot)
        if (value === undefined) return false
        if (improves(value, best?.value ?? (mode === 'min' ? Infinity : -Infinity))) {
          best = { value, snapshot }
          wait = 0
          return false
        }
        wait += 1
        return wait >= patience
      }
      const stopping = source.pipe(takeWhile((snapshot) => !stopsAt(snapshot), true))
      return restoreBest ? holdLast(stopping, (last) => withBest(last, best?.snapshot)) : stopping
    })
}

/** Checks every option once, when `earlyStopping` is called. */
function checkEarlyStoppingOptions(options: EarlyStoppingOptions): EarlyStoppingOptions {
  const fn = 'earlyStopping'
  checkOptions(fn, options, KNOWN)
  const { monitor, patience, minDelta, mode, restoreBest } = options
  checkString(fn, 'monitor', monitor)
  if (monitor.split('.').some((key) => key === '')) {
    throw new ConfigError(
      fn,
      `monitor must be a path of keys joined by dots, such as 'eval.loss' or 'loss', got ${describe(monitor)}`,
    )
  }
  checkInteger(fn, 'patience', patience, 1)
  if (minDelta !== undefined) checkNonNegative(fn, 'minDelta', minDelta)
  if (mode !== undefined) checkOneOf(fn, 'mode', mode, ['min', 'max'])
  if (restoreBest !== undefined) checkBoolean(fn, 'restoreBest', restoreBest)
  return options
}

/**
 * The monitored number of a snapshot, or undefined when an object on the
 * path is absent (`eval` on a step that was not evaluated). A last key
 * missing from an object that is there is an error.
 */
function monitored(monitor: string, path: readonly string[], snapshot: Watched): number | undefined {
  let node: unknown = snapshot
  for (const [depth, key] of path.entries()) {
    const where = depth === 0 ? 'the snapshot' : path.slice(0, depth).join('.')
    if (!isPlainObject(node)) {
      throw new ConfigError(
        'earlyStopping',
        `monitor '${monitor}' needs ${where} to be an object, got ${describe(node)} at step ${snapshot.step}`,
      )
    }
    if (!(key in node) && depth < path.length - 1) return undefined
    if (!(key in node)) {
      throw new ConfigError(
        'earlyStopping',
        `monitor '${monitor}' is not in ${where} of step ${snapshot.step}, which has ${Object.keys(node).join(', ')}`,
      )
    }
    node = node[key]
  }
  if (typeof node !== 'number') {
    throw new ConfigError(
      'earlyStopping',
      `monitor '${monitor}' must be a number, got ${describe(node)} at step ${snapshot.step}`,
    )
  }
  return node
}

/** `last` with the best snapshot's params, model state and EMA, frozen; `last` itself if it is the best. */
function withBest<T extends Watched>(last: T, best: T | undefined): T {
  if (best === undefined || best === last) return last
  const restored: Record<string, unknown> = {}
  Object.assign(restored, last)
  for (const key of RESTORED) if (key in best) restored[key] = best[key]
  // The one cast: a copy of `last` whose restored parts come from a snapshot of the same run.
  return Object.freeze(restored) as T
}

/**
 * Emits each value when the next arrives, and the last one through `last`
 * when the source completes (as it is when the source errors, before the error).
 */
function holdLast<T>(source: Observable<T>, last: (value: T) => T): Observable<T> {
  let held: { readonly value: T } | undefined
  return source.pipe(
    materialize(),
    concatMap((notification) => {
      const previous = held
      if (notification.kind === 'N') {
        held = { value: notification.value }
        return previous === undefined ? EMPTY : of(previous.value)
      }
      if (notification.kind === 'C') return previous === undefined ? EMPTY : of(last(previous.value))
      const error$ = throwError(() => notification.error as unknown)
      return previous === undefined ? error$ : concat(of(previous.value), error$)
    }),
  )
}
