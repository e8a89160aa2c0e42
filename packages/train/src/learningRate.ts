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

/** Per-run reader of a learning rate; `close` releases a stream subscription. */
export interface LearningRateReader {
  readonly at: (step: number) => number
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

/** Starts reading a checked `learningRate` for one run; a stream is subscribed to now and read at every step. */
export function readLearningRate(learningRate: LearningRateInput | undefined): LearningRateReader {
  if (learningRate === undefined) return { at: () => NaN, close: () => undefined }
  if (typeof learningRate === 'number') return { at: () => learningRate, close: () => undefined }
  if (typeof learningRate === 'function') {
    return { at: (step) => checkRate(learningRate(step), `the schedule at step ${step}`), close: () => undefined }
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
  let failure: unknown
  const subscription: Subscription = rate$.subscribe({
    next: (rate) => {
      latest = rate
    },
    error: (error: unknown) => {
      failure = error
    },
  })
  return {
    at: (step) => {
      if (failure !== undefined) throw failure
      if (latest === undefined) {
        throw new ConfigError('train', `the learningRate stream has not emitted a value by step ${step}`)
      }
      return checkRate(latest, 'the learningRate stream')
    },
    close: () => subscription.unsubscribe(),
  }
}
