import { ConfigError, checkNonNegative, describe } from '@gradstream/core'
import type { LearningRate } from '@gradstream/optimizers'
import { isObservable } from 'rxjs'
import type { Observable, Subscription } from 'rxjs'

/**
 * What `train` and `fit` take as `learningRate`: the optimizers' `LearningRate`
 * (a finite number >= 0, or a schedule of the step) or a stream whose latest
 * value each step uses. Every rate, from any of the three, must be a finite
 * number >= 0.
 * @example fit({ ..., optimizer: sgd, learningRate: new BehaviorSubject(0.1) })
 */
export type LearningRateInput = LearningRate | Observable<number>

/**
 * Per-run reader of a schedule or a stream of rates: what to write into the
 * optimizer state before a step, if anything; `close` releases a stream.
 */
export interface LearningRateReader {
  /** A value to build the optimizer with before the first step, at `step` (the run's start). */
  readonly start: (step: number) => number
  /** The rate for the step after `step`: a schedule's value, a stream's value if it emitted since the last call. */
  readonly fresh: (step: number) => number | undefined
  readonly close: () => void
}

/** Throws unless `learningRate` is a finite number >= 0, a schedule or an Observable (checked once, at call time). */
export function checkLearningRateInput(fn: string, learningRate: unknown): asserts learningRate is LearningRateInput {
  if (typeof learningRate === 'function' || isObservable(learningRate)) return
  if (typeof learningRate !== 'number') {
    throw new ConfigError(
      fn,
      `learningRate must be a finite number >= 0, a schedule or an Observable, got ${describe(learningRate)}`,
    )
  }
  checkNonNegative(fn, 'learningRate', learningRate)
}

/** Starts reading a checked schedule or stream of rates for one run; a stream is subscribed to now. */
export function readLearningRate(learningRate: Exclude<LearningRateInput, number>): LearningRateReader {
  if (typeof learningRate === 'function') {
    const at = (step: number) => checkRate(learningRate(step), `the schedule at step ${step}`)
    return { start: at, fresh: at, close: () => undefined }
  }
  return streamReader(learningRate)
}

/** A rate produced while running (by a schedule or a stream) passes the same check as a number given up front. */
function checkRate(rate: unknown, source: string): number {
  checkNonNegative('train', `the learningRate from ${source}`, rate)
  return rate
}

function streamReader(rate$: Observable<number>): LearningRateReader {
  let latest: number | undefined
  let written = true
  let failure: unknown
  const subscription: Subscription = rate$.subscribe({
    next: (rate) => {
      latest = rate
      written = false
    },
    error: (error: unknown) => {
      failure = error
    },
  })
  return {
    // Until the stream's first value, which is written before the first step, the state holds 0.
    start: () => latest ?? 0,
    fresh: (step) => {
      if (failure !== undefined) throw failure
      if (latest === undefined) {
        throw new ConfigError('train', `the learningRate stream has not emitted a value by step ${step}`)
      }
      if (written) return undefined
      written = true
      return checkRate(latest, 'the learningRate stream')
    },
    close: () => subscription.unsubscribe(),
  }
}
